package dev.switchgear.application.port.out.identity;

import java.util.Optional;

/**
 * A bounded memory of what looking up a key hash found, whose entries expire a fixed time after
 * they were written: that time is how long a change made on another node (a revocation) can go
 * unnoticed here (ADR 0016). When full, it forgets entries on its own; nothing may rely on an entry
 * still being there.
 */
public interface KeyLookupCache<V> {

    Optional<V> get(String keyHash);

    void put(String keyHash, V value);

    void evict(String keyHash);
}
