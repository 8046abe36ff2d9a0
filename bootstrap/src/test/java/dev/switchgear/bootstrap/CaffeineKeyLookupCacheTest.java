package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The production key lookup cache: entries expire a fixed time after they were written, and it stays bounded. */
class CaffeineKeyLookupCacheTest {

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;

    @Test
    void anEntryIsForgottenTheCacheTimeAfterItWasWritten() {
        CaffeineKeyLookupCache<String> cache = new CaffeineKeyLookupCache<>(Duration.ofSeconds(30), 10, ticker);
        cache.put("h", "live");
        nanos.addAndGet(Duration.ofSeconds(30).minusMillis(1).toNanos());
        assertThat(cache.get("h")).contains("live");

        nanos.addAndGet(Duration.ofMillis(1).toNanos());

        assertThat(cache.get("h")).isEmpty();
    }

    @Test
    void readingAnEntryDoesNotExtendItsLife() {
        CaffeineKeyLookupCache<String> cache = new CaffeineKeyLookupCache<>(Duration.ofSeconds(30), 10, ticker);
        cache.put("h", "live");
        for (int i = 0; i < 3; i++) {
            nanos.addAndGet(Duration.ofSeconds(10).toNanos());
            cache.get("h");
        }
        assertThat(cache.get("h")).isEmpty();
    }

    @Test
    void anEvictedEntryIsGoneAndTheCacheStaysWithinItsBound() {
        CaffeineKeyLookupCache<Boolean> cache = new CaffeineKeyLookupCache<>(Duration.ofSeconds(30), 100, ticker);
        cache.put("h", Boolean.TRUE);
        cache.evict("h");
        assertThat(cache.get("h")).isEmpty();

        for (int i = 0; i < 10_000; i++) {
            cache.put("unknown-" + i, Boolean.TRUE);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(100);
    }
}
