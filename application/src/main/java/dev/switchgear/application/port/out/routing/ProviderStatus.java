package dev.switchgear.application.port.out.routing;

import java.time.Instant;
import java.util.Optional;

/**
 * One provider's health: {@code up}, {@code degraded} (some of its models' circuits open) or
 * {@code down} (all open, or its last probe failed); success rate, p50 and p95 latency over the last
 * calls; the last transition and the last probe.
 */
public record ProviderStatus(String provider, String state, double successRate, long p50Millis, long p95Millis,
                             long samples, Optional<Instant> lastTransition, Optional<Instant> lastProbe,
                             Optional<String> lastProbeDetail) {
}
