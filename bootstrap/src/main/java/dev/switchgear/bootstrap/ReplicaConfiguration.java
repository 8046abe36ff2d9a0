package dev.switchgear.bootstrap;

import dev.switchgear.adapter.persistence.eventstore.EventStoreCreditStreamHeads;
import dev.switchgear.application.port.out.credit.CreditStreamHeads;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.application.service.keyring.ByokKeys;
import dev.switchgear.application.service.routing.CurrentCatalog;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Several gateways on one PostgreSQL (ADR 0030). Always: the heads of credit streams, and a command
 * gateway that retries a command which lost a race on its aggregate's sequence (Axon's
 * {@code ConcurrencyException} is transient: the retry loads the aggregate again). With an external
 * database only ({@code switchgear.db.url} set — the embedded one is one process's): a watcher that
 * brings the accounts held in memory up to what other nodes charged, every
 * {@code switchgear.replicas.stream-refresh} (250 ms), and the catalog and the BYOK key cache
 * refreshed every {@code switchgear.replicas.read-model-refresh} (5 s).
 */
@Configuration(proxyBeanMethods = false)
public class ReplicaConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaConfiguration.class);

    @Bean
    CreditStreamHeads creditStreamHeads(DSLContext db) {
        return new EventStoreCreditStreamHeads(db);
    }

    /** Axon's gateway, with retries: up to 5 more tries, 50 ms apart, of a command that met a concurrent write. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService commandRetries() {
        return Executors.newSingleThreadScheduledExecutor(daemon("command-retries"));
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus,
                                  @Qualifier("commandRetries") ScheduledExecutorService commandRetries) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(IntervalRetryScheduler.builder().retryExecutor(commandRetries)
                        .maxRetryCount(5).retryInterval(50).build())
                .build();
    }

    @Bean(destroyMethod = "shutdownNow")
    @ConditionalOnExpression("!'${switchgear.db.url:}'.isEmpty()")
    ScheduledExecutorService replicaRefresh(CreditLedger ledger, CreditStreamHeads heads, CurrentCatalog catalog,
                                            ByokKeys byokKeys,
                                            @Value("${switchgear.replicas.stream-refresh:250ms}") Duration streams,
                                            @Value("${switchgear.replicas.read-model-refresh:5s}") Duration readModels) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("replica-refresh"));
        scheduler.scheduleWithFixedDelay(guarded("credit stream heads", () -> ledger.catchUp(heads)),
                streams.toMillis(), streams.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(guarded("catalog and BYOK keys", () -> {
            catalog.refresh();
            byokKeys.invalidateAll();
        }), readModels.toMillis(), readModels.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("several replicas: credit streams refreshed every {}, catalog and BYOK keys every {}", streams,
                readModels);
        return scheduler;
    }

    private static Runnable guarded(String what, Runnable work) {
        return () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.warn("refreshing {} from the database failed: {}", what, e.getClass().getSimpleName());
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
