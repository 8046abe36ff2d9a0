package dev.switchgear.application.port.out.usage;

import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.routing.api.RoutingTrace;
import java.time.Instant;

/** One charged request in the usage read model. */
public record UsageRecord(RequestId requestId, String model, String provider, long inputTokens, long outputTokens,
                          boolean usageEstimated, MicroCredits cost, MicroCredits charged, Instant chargedAt,
                          boolean byok, int multiplierBasisPoints, RoutingTrace routing) {

    public UsageRecord(RequestId requestId, String model, String provider, long inputTokens, long outputTokens,
                       boolean usageEstimated, MicroCredits cost, MicroCredits charged, Instant chargedAt, boolean byok) {
        this(requestId, model, provider, inputTokens, outputTokens, usageEstimated, cost, charged, chargedAt, byok,
                10_000, null);
    }
}
