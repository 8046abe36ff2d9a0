package dev.switchgear.bootstrap;

import dev.switchgear.application.service.credit.CreditLedger;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Meters of the request-path ledger: how many commits, how many events, how much is queued, and —
 * with several replicas (ADR 0030) — conflicts with other nodes, rebases and refreshes.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    @Bean
    MeterBinder creditLedgerMeters(CreditLedger ledger) {
        return registry -> {
            FunctionCounter.builder("switchgear.ledger.commits", ledger, l -> l.stats().batches())
                    .description("Group commits of usage events").register(registry);
            FunctionCounter.builder("switchgear.ledger.events", ledger, l -> l.stats().events())
                    .description("Usage events made durable").register(registry);
            FunctionCounter.builder("switchgear.ledger.conflicts", ledger, l -> l.stats().conflicts())
                    .description("Batch appends that met another node's write to one of their streams (ADR 0030)")
                    .register(registry);
            FunctionCounter.builder("switchgear.ledger.rebases", ledger, l -> l.stats().rebases())
                    .description("Accounts reloaded and their unstored charges decided again after a conflict")
                    .register(registry);
            FunctionCounter.builder("switchgear.ledger.refreshes", ledger, l -> l.stats().refreshes())
                    .description("Accounts brought up to what another node wrote to them, by the stream-head watcher")
                    .register(registry);
            FunctionCounter.builder("switchgear.ledger.lingered", ledger, l -> l.stats().lingeredNanos() / 1e9)
                    .description("Seconds the writer waited for more charges before its commits (ADR 0034)")
                    .baseUnit("seconds").register(registry);
            Gauge.builder("switchgear.ledger.queued", ledger, l -> l.stats().queued())
                    .description("Usage events waiting for their commit").register(registry);
        };
    }
}
