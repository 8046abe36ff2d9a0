package dev.switchgear.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.adapter.llm.AnthropicProvider;
import dev.switchgear.adapter.llm.CohereProvider;
import dev.switchgear.adapter.llm.GeminiProvider;
import dev.switchgear.adapter.llm.OpenAiCompatibleProvider;
import dev.switchgear.adapter.llm.PlatformConnectivity;
import dev.switchgear.adapter.llm.ProviderKeyProbe;
import dev.switchgear.adapter.llm.PublicEndpointGuard;
import dev.switchgear.adapter.llm.UpstreamHttpClients;
import dev.switchgear.adapter.llm.UpstreamTimeouts;
import dev.switchgear.adapter.llm.UpstreamWatchdog;
import dev.switchgear.adapter.simulator.Simulator;
import dev.switchgear.application.port.out.completion.CompletionProvider;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Upstream providers and the model catalog from configuration: the simulator (built in, or at
 * {@code switchgear.simulator.base-url}) and each configured provider (OpenAI-compatible,
 * Anthropic, Cohere or Gemini) that has a platform key.
 */
@Configuration(proxyBeanMethods = false)
public class ProviderConfiguration {

    static final String SIMULATOR = "simulator";
    static final String CUSTOM = "custom";
    private static final Logger LOG = LoggerFactory.getLogger(ProviderConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("${switchgear.simulator.enabled:true} and '${switchgear.simulator.base-url:}'.isEmpty()")
    Simulator simulator(SwitchgearProperties properties) {
        SwitchgearProperties.Simulator settings = properties.simulator();
        Simulator simulator = Simulator.start(new Simulator.Settings(settings.port(), settings.latency(),
                settings.errorRate(), Optional.empty()));
        LOG.info("built-in simulator upstream listening at {}", simulator.baseUrl());
        return simulator;
    }

    @Bean(destroyMethod = "close")
    UpstreamWatchdog upstreamWatchdog() {
        return new UpstreamWatchdog();
    }

    /** The SSRF guard for custom endpoints, also the DNS resolver of their HTTP client. */
    @Bean
    PublicEndpointGuard egressGuard(SwitchgearProperties properties) {
        return new PublicEndpointGuard(Set.copyOf(Optional.ofNullable(properties.byok().allowedHosts())
                .orElse(List.of())));
    }

    @Bean(destroyMethod = "close")
    CloseableHttpClient customEndpointClient(SwitchgearProperties properties, PublicEndpointGuard guard) {
        SwitchgearProperties.Upstream upstream = properties.upstream();
        return UpstreamHttpClients.negotiating(new UpstreamTimeouts(upstream.connectTimeout(),
                upstream.firstByteTimeout(), upstream.idleTimeout(), upstream.totalTimeout()), upstream.maxConnections(),
                guard, org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder.create().useSystemProperties().buildAsync());
    }

    /** Live key tests against every configured provider that takes a key, and custom endpoints. */
    @Bean(destroyMethod = "")
    ProviderKeyProbe providerKeyProbe(SwitchgearProperties properties, CloseableHttpClient customEndpointClient,
                                      ObjectProvider<Simulator> simulator) {
        Map<String, ProviderKeyProbe.Target> targets = new java.util.HashMap<>();
        configured(properties).forEach((id, provider) -> {
            if (provider.baseUrl() != null && !provider.baseUrl().isBlank()) {
                targets.put(id, new ProviderKeyProbe.Target(provider.type(), URI.create(provider.baseUrl()),
                        properties.byok().anthropicProbeModel()));
            }
        });
        simulatorUrl(properties, simulator).ifPresent(url -> targets.put(SIMULATOR,
                new ProviderKeyProbe.Target("openai", url, "")));
        SwitchgearProperties.Upstream upstream = properties.upstream();
        Duration probe = Duration.ofSeconds(10);
        return new ProviderKeyProbe(targets, UpstreamHttpClients.create(new UpstreamTimeouts(
                upstream.connectTimeout(), probe, probe, probe), 20), customEndpointClient);
    }

    /** Probes with the platform's keys: every provider with a base URL and a key, or needing none. */
    @Bean
    PlatformConnectivity platformConnectivity(SwitchgearProperties properties, ProviderKeyProbe probe,
                                              ObjectProvider<Simulator> simulator) {
        Map<String, Optional<String>> keys = new java.util.HashMap<>();
        configured(properties).forEach((id, provider) -> {
            boolean hasKey = provider.apiKey() != null && !provider.apiKey().isBlank();
            if (provider.baseUrl() != null && !provider.baseUrl().isBlank() && (hasKey || provider.keyless())) {
                keys.put(id, hasKey ? Optional.of(provider.apiKey()) : Optional.empty());
            }
        });
        simulatorUrl(properties, simulator).ifPresent(url -> keys.put(SIMULATOR, Optional.empty()));
        return new PlatformConnectivity(probe, keys);
    }

    private static Optional<URI> simulatorUrl(SwitchgearProperties properties, ObjectProvider<Simulator> simulator) {
        if (!properties.simulator().enabled()) {
            return Optional.empty();
        }
        return properties.simulator().baseUrl() != null && !properties.simulator().baseUrl().isBlank()
                ? Optional.of(URI.create(properties.simulator().baseUrl()))
                : Optional.ofNullable(simulator.getIfAvailable()).map(Simulator::baseUrl);
    }

    private static Map<String, SwitchgearProperties.Provider> configured(SwitchgearProperties properties) {
        return properties.providers() == null ? Map.of() : properties.providers();
    }

    @Bean
    List<CompletionProvider> completionProviders(SwitchgearProperties properties, ObjectProvider<Simulator> simulator,
                                                 UpstreamWatchdog watchdog, ObjectMapper json, java.time.Clock clock,
                                                 CloseableHttpClient customEndpointClient) {
        List<CompletionProvider> providers = new ArrayList<>();
        SwitchgearProperties.Upstream upstream = properties.upstream();
        UpstreamTimeouts defaults = new UpstreamTimeouts(upstream.connectTimeout(), upstream.firstByteTimeout(),
                upstream.idleTimeout(), upstream.totalTimeout());
        URI simulatorUrl = properties.simulator().baseUrl() != null && !properties.simulator().baseUrl().isBlank()
                ? URI.create(properties.simulator().baseUrl())
                : Optional.ofNullable(simulator.getIfAvailable()).map(Simulator::baseUrl).orElse(null);
        if (properties.simulator().enabled() && simulatorUrl != null) {
            providers.add(new OpenAiCompatibleProvider(SIMULATOR, simulatorUrl, Optional.empty(),
                    UpstreamHttpClients.create(defaults, upstream.maxConnections()), watchdog, defaults, json));
        }
        configured(properties).forEach((id, provider) -> {
            boolean hasKey = provider.apiKey() != null && !provider.apiKey().isBlank();
            boolean hasUrl = provider.baseUrl() != null && !provider.baseUrl().isBlank();
            if (!hasUrl) {
                LOG.debug("provider {} has no base URL; its models are not offered", id);
                return;
            }
            if (!hasKey && !provider.keyless()) {
                LOG.info("provider {} has no platform key; its models are offered to callers with their own key", id);
            }
            Optional<String> key = hasKey ? Optional.of(provider.apiKey()) : Optional.empty();
            UpstreamTimeouts timeouts = new UpstreamTimeouts(
                    Optional.ofNullable(provider.connectTimeout()).orElse(defaults.connect()),
                    Optional.ofNullable(provider.firstByteTimeout()).orElse(defaults.firstByte()),
                    Optional.ofNullable(provider.idleTimeout()).orElse(defaults.idle()),
                    Optional.ofNullable(provider.totalTimeout()).orElse(defaults.total()));
            URI baseUrl = URI.create(provider.baseUrl());
            var client = UpstreamHttpClients.forUpstream(baseUrl, timeouts, upstream.maxConnections());
            switch (provider.type()) {
                case "openai" -> providers.add(new OpenAiCompatibleProvider(id, baseUrl, key, !provider.keyless(),
                        client, watchdog, timeouts, json));
                case "anthropic" -> providers.add(new AnthropicProvider(id, baseUrl, key, client, watchdog, timeouts,
                        json, clock));
                case "cohere" -> providers.add(new CohereProvider(id, baseUrl, key, client, watchdog, timeouts, json,
                        clock));
                case "gemini" -> providers.add(new GeminiProvider(id, baseUrl, key, client, watchdog, timeouts, json,
                        clock));
                default -> throw new IllegalArgumentException("provider " + id + " has an unknown type `"
                        + provider.type() + "`; use openai, anthropic, cohere or gemini");
            }
        });
        providers.add(new OpenAiCompatibleProvider(CUSTOM, null, Optional.empty(), true, customEndpointClient, watchdog,
                defaults, json));
        return providers;
    }
}
