package dev.switchgear.bootstrap.observability;

import dev.switchgear.application.port.in.completion.CompleteChatUseCase;
import dev.switchgear.application.port.out.completion.CompletionProvider;
import dev.switchgear.application.port.out.routing.ProviderHealth;
import dev.switchgear.application.port.out.routing.ProviderStatus;
import dev.switchgear.application.service.completion.CompletionService;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.application.service.routing.CurrentCatalog;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.util.function.SingletonSupplier;

/**
 * Metrics of the gateway (ADR 0028), served at {@code /actuator/prometheus} to the administrator:
 * the completion path's meters ({@link GatewayMeters}), taken by decorating the completion use case
 * and every upstream provider; the ledger's group commits; each provider's circuit state; each
 * event processor's lag behind the event store's head (the {@code lago} processor's lag is the
 * usage not yet sent to Lago).
 */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    /** The bean of {@code ProviderConfiguration} that lists the upstream providers. */
    static final String PROVIDERS_BEAN = "completionProviders";

    @Bean
    GatewayMeters gatewayMeters(MeterRegistry registry, CurrentCatalog catalog, GatewaySpans spans) {
        return new GatewayMeters(registry, new ModelLabels(catalog), spans);
    }

    /** What the controllers call: the completion service, measured. */
    @Bean
    @Primary
    CompleteChatUseCase meteredCompletions(CompletionService completions, GatewayMeters meters) {
        return new MeteredCompletions(completions, meters);
    }

    /**
     * Wraps each upstream provider in a {@link MeteredCompletionProvider} as the list is made, so the
     * completion service only ever sees measured providers. The meters are looked up at the first
     * call, which keeps this post-processor free of early dependencies, and then kept (a bean factory
     * lookup on every attempt showed in issue #13's profile).
     */
    @Bean
    static BeanPostProcessor meteredProviders(ObjectProvider<GatewayMeters> meterBean) {
        Supplier<GatewayMeters> meters = SingletonSupplier.of(meterBean::getObject);
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!PROVIDERS_BEAN.equals(beanName) || !(bean instanceof List<?> list)) {
                    return bean;
                }
                List<Object> wrapped = new ArrayList<>(list.size());
                for (Object element : list) {
                    wrapped.add(element instanceof CompletionProvider provider
                            && !(element instanceof MeteredCompletionProvider)
                            ? new MeteredCompletionProvider(provider, meters) : element);
                }
                return wrapped;
            }
        };
    }

    /** The ledger's group commits: their count and time (mean latency), and so the mean batch size. */
    @Bean
    MeterBinder ledgerCommitMeters(CreditLedger ledger) {
        return registry -> FunctionTimer.builder("switchgear.ledger.commit", ledger,
                        l -> l.stats().batches(), l -> l.stats().commitNanos(), TimeUnit.NANOSECONDS)
                .description("Group commits of usage events and the time their appends took")
                .register(registry);
    }

    /** Each provider's state as a number: 0 up, 1 degraded (some circuits open), 2 down. */
    @Bean
    MeterBinder circuitMeters(ProviderHealth health, List<CompletionProvider> providers) {
        return registry -> {
            for (CompletionProvider provider : providers) {
                String id = provider.providerId();
                Gauge.builder("switchgear.provider.state", health, h -> state(h, id))
                        .description("0 up, 1 degraded (some of its models' circuits open), 2 down")
                        .tag("gen_ai.provider.name", id)
                        .register(registry);
            }
        };
    }

    private static double state(ProviderHealth health, String provider) {
        for (ProviderStatus status : health.statuses()) {
            if (status.provider().equals(provider)) {
                return switch (status.state()) {
                    case "down" -> 2;
                    case "degraded" -> 1;
                    default -> 0;
                };
            }
        }
        return 0;
    }

    /**
     * Each streaming event processor's lag: events in the store past its slowest segment. Registered
     * once the application is ready, when Axon's processors exist; read at each scrape.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> processorLagMeters(MeterRegistry registry,
                                                                  EventProcessingConfiguration processing,
                                                                  EventStore store) {
        return ready -> processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("switchgear.processor.lag", streaming, p -> lag(store, p))
                        .description("Events in the store not yet handled by this processor (lago: usage not yet sent)")
                        .tag("processor", name)
                        .baseUnit("events")
                        .register(registry);
            }
        });
    }

    private static double lag(EventStore store, StreamingEventProcessor processor) {
        TrackingToken head = store.createHeadToken();
        OptionalLong headPosition = head == null ? OptionalLong.empty() : head.position();
        if (headPosition.isEmpty()) {
            return 0;
        }
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            OptionalLong position = status.getCurrentPosition();
            slowest = Math.min(slowest, position.isPresent() ? position.getAsLong() : -1);
        }
        if (slowest == Long.MAX_VALUE) {
            return Double.NaN;
        }
        return Math.max(0, headPosition.getAsLong() - slowest);
    }
}
