package dev.switchgear.bootstrap;

import dev.switchgear.adapter.persistence.readmodel.JooqResponseStore;
import dev.switchgear.application.service.responses.StoredResponsesService;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Responses API's stored responses (ADR 0021): the use case over the jOOQ store, kept for
 * {@code switchgear.responses.retention}, and the schedule that deletes the expired ones.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResponsesProperties.class)
public class ResponsesConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ResponsesConfiguration.class);

    @Bean
    StoredResponsesService storedResponses(DSLContext db, Clock clock, ResponsesProperties properties) {
        return new StoredResponsesService(new JooqResponseStore(db), clock, properties.retention());
    }

    /** Stored responses past their retention are deleted every {@code purge-every} (and a minute after start). */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService storedResponsePurge(StoredResponsesService responses, ResponsesProperties properties) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stored-response-purge");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                int purged = responses.purgeExpired();
                if (purged > 0) {
                    LOG.info("deleted {} stored responses past their retention", purged);
                }
            } catch (RuntimeException e) {
                LOG.warn("purging expired stored responses failed: {}", e.getClass().getSimpleName());
            }
        }, 60, Math.max(1, properties.purgeEvery().toSeconds()), TimeUnit.SECONDS);
        return scheduler;
    }
}
