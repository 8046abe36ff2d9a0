package dev.switchgear.application.port.out.usage;

import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.routing.api.RoutingTrace;
import java.time.Instant;

/**
 * One charged request in the usage read model. Of {@code inputTokens}, {@code cachedInputTokens} were
 * read from the provider's prompt cache and {@code cacheWrite5mTokens}/{@code cacheWrite1hTokens}
 * written to it; of {@code outputTokens}, {@code reasoningTokens} were reasoning (ADR 0023).
 */
public record UsageRecord(RequestId requestId, String model, String provider, long inputTokens, long outputTokens,
                          boolean usageEstimated, MicroCredits cost, MicroCredits charged, Instant chargedAt,
                          boolean byok, int multiplierBasisPoints, RoutingTrace routing, long cachedInputTokens,
                          long cacheWrite5mTokens, long cacheWrite1hTokens, long reasoningTokens) {

    /** A record without the usage's parts. */
    public UsageRecord(RequestId requestId, String model, String provider, long inputTokens, long outputTokens,
                       boolean usageEstimated, MicroCredits cost, MicroCredits charged, Instant chargedAt, boolean byok,
                       int multiplierBasisPoints, RoutingTrace routing) {
        this(requestId, model, provider, inputTokens, outputTokens, usageEstimated, cost, charged, chargedAt, byok,
                multiplierBasisPoints, routing, 0, 0, 0, 0);
    }

    public UsageRecord(RequestId requestId, String model, String provider, long inputTokens, long outputTokens,
                       boolean usageEstimated, MicroCredits cost, MicroCredits charged, Instant chargedAt, boolean byok) {
        this(requestId, model, provider, inputTokens, outputTokens, usageEstimated, cost, charged, chargedAt, byok,
                10_000, null);
    }
}
