package dev.switchgear.adapter.llm;

import java.time.Duration;

/**
 * Per-provider timeouts: to connect, to the first byte of the answer, between two chunks of a
 * stream (idle), and for the whole call.
 */
public record UpstreamTimeouts(Duration connect, Duration firstByte, Duration idle, Duration total) {

    public UpstreamTimeouts {
        for (Duration d : new Duration[] {connect, firstByte, idle, total}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
        }
    }
}
