package dev.switchgear.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.adapter.llm.PlatformConnectivity;
import dev.switchgear.adapter.llm.health.CircuitBreakerHealth;
import dev.switchgear.adapter.llm.health.LogHealthNotifier;
import dev.switchgear.adapter.llm.health.WebhookHealthNotifier;
import dev.switchgear.adapter.persistence.eventstore.AxonRoutingPolicyCommands;
import dev.switchgear.adapter.persistence.readmodel.JooqHealthHistory;
import dev.switchgear.adapter.persistence.readmodel.JooqUsageReadModel;
import dev.switchgear.application.port.out.completion.CompletionProvider;
import dev.switchgear.application.port.out.routing.HealthNotifier;
import dev.switchgear.application.port.out.routing.ProviderHealth;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.application.service.credit.LegacyPreferenceHandover;
import dev.switchgear.application.service.routing.HealthTransitions;
import dev.switchgear.application.service.routing.CatalogAdministrationService;
import dev.switchgear.application.service.routing.CurrentCatalog;
import dev.switchgear.application.service.routing.ExplainRoutingService;
import dev.switchgear.application.service.routing.ProviderProbeService;
import dev.switchgear.application.service.routing.RoutingRulesService;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Routing (ADR 0010): the routing services over the RoutingPolicy aggregate in Axon, provider health (circuit breakers per
 * provider and model, the active probe on a schedule), and where health transitions are announced:
 * the log, the {@code provider_health_event} table, and a webhook when one is configured.
 */
@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingConfiguration.class);

    @Bean
    JooqHealthHistory healthHistory(DSLContext db) {
        return new JooqHealthHistory(db);
    }

    /** Where health transitions are announced: the log, the history table, and the webhook when configured. */
    @Bean
    HealthTransitions healthTransitions(SwitchgearProperties properties, JooqHealthHistory history, ObjectMapper json) {
        SwitchgearProperties.Routing routing = properties.routing();
        List<HealthNotifier> notifiers = new ArrayList<>(List.of(new LogHealthNotifier(), history));
        if (routing.healthWebhookUrl() != null && !routing.healthWebhookUrl().isBlank()) {
            notifiers.add(new WebhookHealthNotifier(URI.create(routing.healthWebhookUrl()), json));
        }
        return new HealthTransitions(notifiers);
    }

    @Bean
    ProviderHealth providerHealth(SwitchgearProperties properties, HealthTransitions transitions, Clock clock,
                                  org.springframework.beans.factory.ObjectProvider<CurrentCatalog> catalog) {
        SwitchgearProperties.Routing routing = properties.routing();
        // a window per model only for the catalog's models (looked up when a model is first seen)
        return new CircuitBreakerHealth(new CircuitBreakerHealth.Settings(routing.circuitWindow(),
                routing.circuitMinimumCalls(), routing.circuitFailureRate(), routing.circuitOpenFor(), 200),
                transitions, clock, model -> {
                    dev.switchgear.domain.routing.Catalog now = catalog.getObject().get();
                    return now != null && now.model(model).isPresent();
                });
    }

    @Bean
    CurrentCatalog currentCatalog(CommandGateway gateway, EventStore eventStore) {
        return new CurrentCatalog(new AxonRoutingPolicyCommands(gateway, eventStore));
    }

    @Bean
    CatalogAdministrationService catalogAdministrationService(CurrentCatalog catalog, ProviderHealth health,
                                                              List<CompletionProvider> providers, Clock clock) {
        Set<String> connected = providers.stream().map(CompletionProvider::providerId).collect(Collectors.toSet());
        return new CatalogAdministrationService(catalog, health, connected, clock);
    }

    @Bean
    RoutingRulesService routingRulesService(CurrentCatalog catalog, Clock clock) {
        return new RoutingRulesService(catalog, clock);
    }

    @Bean
    ProviderProbeService providerProbeService(CurrentCatalog catalog, ProviderHealth health,
                                              PlatformConnectivity connectivity) {
        return new ProviderProbeService(catalog, health, connectivity);
    }

    @Bean
    ExplainRoutingService explainRoutingService(DSLContext db, ObjectMapper json,
                                                dev.switchgear.application.service.routing.RecentCharges recent) {
        return new ExplainRoutingService(new JooqUsageReadModel(db, json), recent);
    }

    /** At start: read the policy, or load the bundled default catalog as its first event. */
    @Bean
    ApplicationRunner initialiseCatalog(CurrentCatalog routing, CreditLedger ledger, Clock clock) {
        return arguments -> {
            var catalog = routing.initialise(() -> DefaultCatalog.command(clock.instant()));
            LOG.info("routing catalog version {}: {} providers, {} models", catalog.version(),
                    catalog.providers().size(), catalog.models().size());
            int handed = new LegacyPreferenceHandover(ledger.standings(), ledger.changes())
                    .handOver(routing.legacyPreferences());
            if (handed > 0) {
                LOG.info("handed the routing preferences of {} accounts over from the routing policy", handed);
            }
        };
    }

    /** The active health check: every probeable provider, every {@code switchgear.routing.probe-interval}. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService healthProbes(ProviderProbeService routing, SwitchgearProperties properties) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "health-probe");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, properties.routing().probeInterval().toMillis());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                routing.probeAll();
            } catch (RuntimeException e) {
                LOG.warn("the health probe failed: {}", e.getClass().getSimpleName());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return scheduler;
    }
}
