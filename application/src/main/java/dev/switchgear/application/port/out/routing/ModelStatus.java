package dev.switchgear.application.port.out.routing;

/**
 * One catalog model's observed health on this node: success rate, p50 and p95 latency over its
 * last calls (a sliding window), and how many calls the window holds.
 */
public record ModelStatus(String provider, String model, double successRate, long p50Millis, long p95Millis,
                          long samples) {
}
