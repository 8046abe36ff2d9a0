package dev.switchgear.adapter.simulator;

import java.time.Duration;
import java.util.List;

/**
 * The faults a simulator injects (ADR 0031), all deterministic for a given {@code seed}: a fixed
 * {@code latency} plus a uniform {@code jitter} of up to that much before every answer; a share
 * ({@code errorRate}) of answers replaced by an error whose status is drawn uniformly from
 * {@code errorStatuses} (429 or 5xx, in OpenAI's error shape); a pause of {@code chunkDelay}
 * between a stream's events; and one scheduled outage, {@code downFor} long from {@code downAfter}
 * after the start, during which every request is answered 503.
 */
public record Faults(Duration latency, Duration jitter, double errorRate, List<Integer> errorStatuses,
                     Duration chunkDelay, Duration downAfter, Duration downFor, long seed) {

    /** The statuses of injected errors when none are named: the simulator's historical 503. */
    public static final List<Integer> OVERLOADED = List.of(503);

    public Faults {
        if (errorRate < 0 || errorRate > 1) {
            throw new IllegalArgumentException("the error rate is a share from 0 to 1");
        }
        for (Duration d : List.of(latency, jitter, chunkDelay, downAfter, downFor)) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("latency, jitter, delays and the outage cannot be negative");
            }
        }
        errorStatuses = List.copyOf(errorStatuses);
        if (errorStatuses.isEmpty()) {
            throw new IllegalArgumentException("name at least one error status");
        }
        for (int status : errorStatuses) {
            if (status != 429 && (status < 500 || status > 599)) {
                throw new IllegalArgumentException("an injected error is a 429 or a 5xx, not " + status);
            }
        }
    }

    /** No faults at all. */
    public static Faults none() {
        return new Faults(Duration.ZERO, Duration.ZERO, 0, OVERLOADED, Duration.ZERO, Duration.ZERO, Duration.ZERO, 1);
    }

    public Faults withLatency(Duration fixed, Duration upTo) {
        return new Faults(fixed, upTo, errorRate, errorStatuses, chunkDelay, downAfter, downFor, seed);
    }

    public Faults withErrors(double rate, List<Integer> statuses) {
        return new Faults(latency, jitter, rate, statuses, chunkDelay, downAfter, downFor, seed);
    }

    public Faults withChunkDelay(Duration delay) {
        return new Faults(latency, jitter, errorRate, errorStatuses, delay, downAfter, downFor, seed);
    }

    public Faults withOutage(Duration after, Duration lasting) {
        return new Faults(latency, jitter, errorRate, errorStatuses, chunkDelay, after, lasting, seed);
    }

    public Faults withSeed(long newSeed) {
        return new Faults(latency, jitter, errorRate, errorStatuses, chunkDelay, downAfter, downFor, newSeed);
    }
}
