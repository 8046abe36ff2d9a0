package dev.switchgear.adapter.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Rate limits kept in this gateway's memory (the default): one lock-free Bucket4j bucket per
 * account and budget. Several gateways each enforce their own; share them through Redis
 * ({@link RedisRateLimiter}) to enforce one limit together.
 */
public final class InMemoryRateLimiter extends BucketRateLimiter {

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final TimeMeter clock;

    public InMemoryRateLimiter() {
        this(TimeMeter.SYSTEM_MILLISECONDS);
    }

    /** Buckets that read the time from {@code clock} (tests move it). */
    InMemoryRateLimiter(TimeMeter clock) {
        this.clock = clock;
    }

    @Override
    Bucket bucket(String key, long limit) {
        return buckets.computeIfAbsent(key, k -> Bucket.builder().addLimit(configuration(limit).getBandwidths()[0])
                .withCustomTimePrecision(clock).build());
    }
}
