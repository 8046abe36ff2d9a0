package dev.switchgear.application.fakes;

import dev.switchgear.application.port.out.identity.KeyLookupCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A key lookup cache on a clock the test controls: entries expire {@code ttl} after they were written. */
public class InMemoryKeyLookupCache<V> implements KeyLookupCache<V> {

    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Map.Entry<V, Instant>> entries = new LinkedHashMap<>();

    public InMemoryKeyLookupCache(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public synchronized Optional<V> get(String keyHash) {
        Map.Entry<V, Instant> entry = entries.get(keyHash);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.getValue())) {
            entries.remove(keyHash);
            return Optional.empty();
        }
        return Optional.of(entry.getKey());
    }

    @Override
    public synchronized void put(String keyHash, V value) {
        entries.put(keyHash, Map.entry(value, clock.instant().plus(ttl)));
    }

    @Override
    public synchronized void evict(String keyHash) {
        entries.remove(keyHash);
    }
}
