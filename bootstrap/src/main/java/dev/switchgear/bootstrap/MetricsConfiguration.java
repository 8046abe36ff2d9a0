package dev.switchgear.bootstrap;

import dev.switchgear.application.service.credit.CreditLedger;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Meters of the request-path ledger: how many commits, how many events, how much is queued. */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    @Bean
    MeterBinder creditLedgerMeters(CreditLedger ledger) {
        return registry -> {
            FunctionCounter.builder("switchgear.ledger.commits", ledger, l -> l.stats().batches())
                    .description("Group commits of usage events").register(registry);
            FunctionCounter.builder("switchgear.ledger.events", ledger, l -> l.stats().events())
                    .description("Usage events made durable").register(registry);
            Gauge.builder("switchgear.ledger.queued", ledger, l -> l.stats().queued())
                    .description("Usage events waiting for their commit").register(registry);
        };
    }
}
