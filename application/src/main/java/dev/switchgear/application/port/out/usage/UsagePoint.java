package dev.switchgear.application.port.out.usage;

import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;

/**
 * Usage in one bucket of a series: requests, tokens, cost (at the requests' prices), requests on
 * the caller's own keys, requests whose tokens were estimated, and requests that were answered only
 * after at least one upstream attempt failed.
 */
public record UsagePoint(Instant start, long requests, long inputTokens, long outputTokens, MicroCredits cost,
                         long byokRequests, long estimatedRequests, long failedRequests) {

    /** A bucket without usage. */
    public static UsagePoint empty(Instant start) {
        return new UsagePoint(start, 0, 0, 0, MicroCredits.ZERO, 0, 0, 0);
    }
}
