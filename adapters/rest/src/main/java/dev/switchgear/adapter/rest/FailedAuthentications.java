package dev.switchgear.adapter.rest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * Slows key guessing: each client address may fail to authenticate {@code perMinute} times a minute
 * (a Bucket4j token bucket per address, refilled gradually); past that, every request from the
 * address that presents a key is answered 429 until the bucket refills, without the key being
 * checked, so a guess made while blocked learns nothing. Other addresses are not affected, and a
 * successful authentication costs nothing. At most {@code maxAddresses} addresses are tracked
 * (Caffeine evicts the least recently used; an idle address is forgotten after two minutes), so
 * memory stays bounded under a flood of spoofed or rotating sources.
 *
 * <p>The address is the servlet's remote address: the TCP peer, or the client that a trusted proxy
 * names once the operator enables forwarded headers for known proxies; a client's own
 * {@code X-Forwarded-For} is never trusted here.
 */
public final class FailedAuthentications {

    private final int perMinute;
    private final Cache<String, Bucket> buckets;

    public FailedAuthentications(int perMinute, long maxAddresses) {
        if (perMinute < 1 || maxAddresses < 1) {
            throw new IllegalArgumentException("perMinute and maxAddresses must be positive");
        }
        this.perMinute = perMinute;
        this.buckets = Caffeine.newBuilder().maximumSize(maxAddresses).expireAfterAccess(Duration.ofMinutes(2)).build();
    }

    /** How long the address must wait before its next attempt counts, or empty when it may try now. */
    public Optional<Duration> blocked(String address) {
        Bucket bucket = buckets.getIfPresent(address);
        if (bucket == null) {
            return Optional.empty();
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /**
     * Counts one failed attempt; when it is over the limit, how long the address must wait (the
     * attempt is then answered 429, not 401).
     */
    public Optional<Duration> failed(String address) {
        ConsumptionProbe probe = buckets.get(address, a -> newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** The number of addresses currently tracked (for tests and metrics; bounded by {@code maxAddresses}). */
    public long trackedAddresses() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build();
    }
}
