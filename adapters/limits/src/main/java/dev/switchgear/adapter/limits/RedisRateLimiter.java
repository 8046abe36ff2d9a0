package dev.switchgear.adapter.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rate limits shared by every gateway that uses the same Redis ({@code SWITCHGEAR_REDIS_URL}):
 * Bucket4j's compare-and-swap buckets over Lettuce, each operation atomic on its key, each key
 * expiring two minutes after its last change (by then a budget is whole again). When Redis cannot
 * be reached the request is let through unlimited — fail open — with a warning in the log (at most
 * one a minute) and {@link #failures()} counting (ADR 0017); commands fail at once while the
 * connection is down instead of queueing, and the connection is retried at most once a second.
 */
public final class RedisRateLimiter extends BucketRateLimiter implements AutoCloseable {

    static final Duration KEEP_KEYS_FOR = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);
    private static final long RECONNECT_EVERY_NANOS = Duration.ofSeconds(1).toNanos();
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final RedisClient client;
    private final TimeMeter clock;
    private final AtomicLong failures = new AtomicLong();
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile ProxyManager<String> buckets;
    private long lastConnectAttempt;
    private volatile long lastWarning;

    /**
     * @param redisUrl a Redis URI, {@code redis://host:port[/db]} (a password in it is never logged)
     * @param timeout  how long one Redis command may take before the request is let through
     */
    public RedisRateLimiter(String redisUrl, Duration timeout) {
        this(redisUrl, timeout, null);
    }

    /** Buckets that read the time from {@code clock} (tests move it); null: the system clock. */
    RedisRateLimiter(String redisUrl, Duration timeout, TimeMeter clock) {
        this.clock = clock;
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        try {
            manager();
        } catch (RuntimeException e) {
            unavailable(e);
        }
    }

    /** How many operations failed because Redis could not be reached (each let a request through). */
    public long failures() {
        return failures.get();
    }

    @Override
    Bucket bucket(String key, long limit) {
        return manager().builder().build(key, () -> configuration(limit));
    }

    @Override
    void unavailable(RuntimeException failure) {
        failures.incrementAndGet();
        long now = System.nanoTime();
        if (lastWarning == 0 || now - lastWarning > WARN_EVERY_NANOS) {
            lastWarning = now;
            LOG.warn("rate limits are not enforced: Redis cannot be reached ({}); requests pass unlimited until it"
                    + " is back", failure.getClass().getSimpleName());
        }
    }

    private ProxyManager<String> manager() {
        ProxyManager<String> ready = buckets;
        if (ready != null) {
            return ready;
        }
        synchronized (this) {
            if (buckets != null) {
                return buckets;
            }
            long now = System.nanoTime();
            if (lastConnectAttempt != 0 && now - lastConnectAttempt < RECONNECT_EVERY_NANOS) {
                throw new IllegalStateException("Redis is unreachable; the next try is within a second");
            }
            lastConnectAttempt = now;
            connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            var builder = Bucket4jLettuce.casBasedBuilder(connection)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.fixedTimeToLive(KEEP_KEYS_FOR));
            if (clock != null) {
                builder.clientClock(clock);
            }
            buckets = builder.build();
            return buckets;
        }
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, byte[]> open = connection;
        if (open != null) {
            open.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
