package dev.switchgear.application.service.identity;

import dev.switchgear.application.port.out.identity.ApiKeyStore;
import dev.switchgear.application.port.out.identity.KeyLookupCache;
import dev.switchgear.application.port.out.identity.StoredApiKey;
import java.util.Optional;

/**
 * Key hashes this node has looked up lately (ADR 0016): live keys in one bounded cache, hashes that
 * are unknown or revoked in another, both expiring after the same time — the bound on how long a
 * revocation made on another node goes unnoticed here. A hash is looked up in the store at most once
 * per expiry, whether it is known or not.
 *
 * <p>The miss cache is asked first: a revocation on this node puts the hash there, so a lookup that
 * read the store just before the revocation committed and then cached the key as live cannot bring
 * it back. Issuing a key takes its hash out of the miss cache.
 */
public final class KnownKeys {

    private final ApiKeyStore store;
    private final KeyLookupCache<StoredApiKey> live;
    private final KeyLookupCache<Boolean> missing;

    public KnownKeys(ApiKeyStore store, KeyLookupCache<StoredApiKey> live, KeyLookupCache<Boolean> missing) {
        this.store = store;
        this.live = live;
        this.missing = missing;
    }

    /** The key with this hash if it is not revoked (its expiry is the caller's to check). */
    Optional<StoredApiKey> lookup(String keyHash) {
        if (missing.get(keyHash).isPresent()) {
            return Optional.empty();
        }
        Optional<StoredApiKey> cached = live.get(keyHash);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<StoredApiKey> stored = store.findByHash(keyHash).filter(key -> !key.revoked());
        if (stored.isPresent()) {
            live.put(keyHash, stored.get());
        } else {
            missing.put(keyHash, Boolean.TRUE);
        }
        return stored;
    }

    /** A key with this hash was just issued here. */
    void issued(String keyHash) {
        missing.evict(keyHash);
    }

    /** The key with this hash was just revoked here: refused from now on. */
    void revoked(String keyHash) {
        missing.put(keyHash, Boolean.TRUE);
        live.evict(keyHash);
    }
}
