package dev.switchgear.bootstrap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.switchgear.application.port.out.identity.KeyLookupCache;
import java.time.Duration;
import java.util.Optional;

/** {@link KeyLookupCache} on Caffeine: at most {@code maxSize} entries, each forgotten {@code ttl} after it was written. */
final class CaffeineKeyLookupCache<V> implements KeyLookupCache<V> {

    private final Cache<String, V> cache;

    CaffeineKeyLookupCache(Duration ttl, long maxSize, Ticker ticker) {
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxSize).ticker(ticker).build();
    }

    @Override
    public Optional<V> get(String keyHash) {
        return Optional.ofNullable(cache.getIfPresent(keyHash));
    }

    @Override
    public void put(String keyHash, V value) {
        cache.put(keyHash, value);
    }

    @Override
    public void evict(String keyHash) {
        cache.invalidate(keyHash);
    }

    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
