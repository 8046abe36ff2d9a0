package dev.switchgear.adapter.simulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Decides each answer's fate from {@link Faults}. The n-th answered request's draws are a pure
 * function of the seed and n (SplittableRandom's mixing of {@code seed + k·γ}), so a run's first N
 * requests get the same errors and delays whatever the threads' interleaving, and a test can check
 * the rates with exact counts.
 */
final class FaultInjector {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final int DRAWS_PER_REQUEST = 3;

    private final Faults faults;
    private final LongSupplier nanoTime;
    private final long startedNanos;
    private final AtomicLong answered = new AtomicLong();

    FaultInjector(Faults faults) {
        this(faults, System::nanoTime);
    }

    FaultInjector(Faults faults, LongSupplier nanoTime) {
        this.faults = faults;
        this.nanoTime = nanoTime;
        this.startedNanos = nanoTime.getAsLong();
    }

    /** The delay added before an answer, and the status of the error replacing it (0: none). */
    record Fate(Duration delay, int errorStatus) {
    }

    /** Whether the scheduled outage is on now. */
    boolean down() {
        if (faults.downFor().isZero()) {
            return false;
        }
        long elapsed = nanoTime.getAsLong() - startedNanos;
        long from = faults.downAfter().toNanos();
        return elapsed >= from && elapsed < from + faults.downFor().toNanos();
    }

    /** Seconds until the outage ends (at least 1), for Retry-After. */
    long secondsUntilUp() {
        long end = faults.downAfter().toNanos() + faults.downFor().toNanos();
        return Math.max(1, (end - (nanoTime.getAsLong() - startedNanos) + 999_999_999L) / 1_000_000_000L);
    }

    /** The fate of the next answered request. */
    Fate next() {
        long n = answered.getAndIncrement() * DRAWS_PER_REQUEST;
        long delay = faults.latency().toNanos();
        if (!faults.jitter().isZero()) {
            delay += (long) (uniform(n) * (faults.jitter().toNanos() + 1));
        }
        int status = 0;
        if (faults.errorRate() > 0 && uniform(n + 1) < faults.errorRate()) {
            int pick = (int) (uniform(n + 2) * faults.errorStatuses().size());
            status = faults.errorStatuses().get(Math.min(pick, faults.errorStatuses().size() - 1));
        }
        return new Fate(Duration.ofNanos(delay), status);
    }

    /** The draw number {@code index} of this seed: uniform in [0, 1). */
    private double uniform(long index) {
        long z = faults.seed() + (index + 1) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
