package dev.switchgear.application.port.out.usage;

import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;

/**
 * Usage in one bucket of a series: requests charged, tokens, cost (at the requests' prices), requests
 * on the caller's own keys, requests whose tokens were estimated, requests that failed outright
 * (admitted, no candidate answered, nothing charged: not counted in {@code requests}), and charged
 * requests that were answered only after at least one upstream attempt failed (a fallback).
 */
public record UsagePoint(Instant start, long requests, long inputTokens, long outputTokens, MicroCredits cost,
                         long byokRequests, long estimatedRequests, long failedRequests, long fallbackRequests) {

    /** A bucket without usage. */
    public static UsagePoint empty(Instant start) {
        return new UsagePoint(start, 0, 0, 0, MicroCredits.ZERO, 0, 0, 0, 0);
    }

    /** This bucket with {@code failed} requests that failed outright. */
    public UsagePoint withFailed(long failed) {
        return new UsagePoint(start, requests, inputTokens, outputTokens, cost, byokRequests, estimatedRequests, failed,
                fallbackRequests);
    }
}
