package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.routing.api.RoutingRules;
import dev.switchgear.domain.routing.api.RoutingTrace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The JSON shapes of routing's endpoints (snake_case). */
final class RoutingViews {

    private RoutingViews() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ModelView(String id, String provider, String upstreamModel, long inputPer1k, long outputPer1k,
                     int contextTokens, int defaultMaxOutputTokens, String minTier, List<String> capabilities,
                     int quality, List<String> useCases, List<String> endpoints,
                     @JsonProperty("cached_input_per_1k") long cachedInputPer1k,
                     @JsonProperty("cache_write_5m_per_1k") long cacheWrite5mPer1k,
                     @JsonProperty("cache_write_1h_per_1k") long cacheWrite1hPer1k,
                     @JsonProperty("reasoning_per_1k") long reasoningPer1k) {
        static ModelView of(CatalogModel m) {
            return new ModelView(m.id(), m.provider(), m.upstreamModel(), m.inputPer1k(), m.outputPer1k(),
                    m.contextTokens(), m.defaultMaxOutputTokens(), m.minTier().code(),
                    m.capabilities().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).sorted().toList(),
                    m.quality(), m.useCases().stream().sorted().toList(), m.endpointNames(), m.cachedInputPer1k(), m.cacheWrite5mPer1k(),
                    m.cacheWrite1hPer1k(), m.reasoningPer1k());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RulesView(long catalogVersion, Map<String, List<String>> chains, Map<String, Integer> qualityFloors,
                     int maxAttempts) {
        static RulesView of(long version, RoutingRules rules) {
            Map<String, Integer> floors = new LinkedHashMap<>();
            for (PowerLevel level : PowerLevel.values()) {
                floors.put(level.code(), rules.qualityFloor(level));
            }
            return new RulesView(version, new TreeMap<>(rules.chains()), floors, rules.maxAttempts());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ExplainView(String requestId, String model, String provider, boolean byok, long inputTokens,
                       long outputTokens, String cost, String charged, double multiplier, String chargedAt,
                       TraceView routing, long cachedInputTokens,
                       @JsonProperty("cache_write_5m_tokens") long cacheWrite5mTokens,
                       @JsonProperty("cache_write_1h_tokens") long cacheWrite1hTokens, long reasoningTokens) {
        static ExplainView of(UsageRecord r) {
            return new ExplainView(r.requestId().value(), r.model(), r.provider(), r.byok(), r.inputTokens(),
                    r.outputTokens(), r.cost().toCredits().toPlainString(), r.charged().toCredits().toPlainString(),
                    r.multiplierBasisPoints() / 10_000.0, r.chargedAt().toString(),
                    r.routing() == null ? null : TraceView.of(r.routing()), r.cachedInputTokens(),
                    r.cacheWrite5mTokens(), r.cacheWrite1hTokens(), r.reasoningTokens());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TraceView(String requested, String powerLevel, long catalogVersion, String chain, List<String> candidates,
                     List<SkipView> skipped, List<AttemptView> attempts) {
        static TraceView of(RoutingTrace t) {
            return new TraceView(t.requested(), t.powerLevel(), t.catalogVersion(), t.chain(), t.candidates(),
                    t.skipped().stream().map(s -> new SkipView(s.model(), s.code(), s.reason())).toList(),
                    t.attempts().stream().map(a -> new AttemptView(a.model(), a.provider(), a.byok(), a.outcome(),
                            a.latencyMillis())).toList());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SkipView(String model, String code, String reason) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AttemptView(String model, String provider, boolean byok, String outcome, long latencyMs) {
    }
}
