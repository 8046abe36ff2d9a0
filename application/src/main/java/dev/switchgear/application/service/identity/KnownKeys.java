package dev.switchgear.application.service.identity;

import dev.switchgear.application.port.out.identity.ApiKeyStore;
import dev.switchgear.application.port.out.identity.KeyLookupCache;
import dev.switchgear.application.port.out.identity.StoredApiKey;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Key hashes this node has looked up lately (ADR 0016): live keys in one bounded cache, hashes that
 * are unknown or revoked in another, both expiring after the same time — the bound on how long a
 * revocation made on another node goes unnoticed here. A hash is looked up in the store at most once
 * per expiry, whether it is known or not.
 *
 * <p>The miss cache is asked first: a revocation on this node puts the hash there, so a lookup that
 * read the store just before the revocation committed and then cached the key as live cannot bring
 * it back. Issuing a key takes its hash out of the miss cache.
 *
 * <p>Callers that miss both caches for the same hash at once share one store lookup: when a popular
 * key's entry expires under load, hundreds of requests would otherwise each read the store (and
 * wait for a pooled connection) at the same moment.
 */
public final class KnownKeys {

    private final ApiKeyStore store;
    private final KeyLookupCache<StoredApiKey> live;
    private final KeyLookupCache<Boolean> missing;
    private final ConcurrentMap<String, CompletableFuture<Optional<StoredApiKey>>> inFlight =
            new ConcurrentHashMap<>();

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
        CompletableFuture<Optional<StoredApiKey>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<StoredApiKey>> theirs = inFlight.putIfAbsent(keyHash, mine);
        if (theirs != null) {
            return shared(theirs);
        }
        try {
            Optional<StoredApiKey> stored = store.findByHash(keyHash).filter(key -> !key.revoked());
            if (stored.isPresent()) {
                live.put(keyHash, stored.get());
            } else {
                missing.put(keyHash, Boolean.TRUE);
            }
            mine.complete(stored);
            return stored;
        } catch (RuntimeException | Error failure) {
            mine.completeExceptionally(failure);
            throw failure;
        } finally {
            inFlight.remove(keyHash, mine);
        }
    }

    /** The lookup another caller is making, failing as it failed. */
    private static Optional<StoredApiKey> shared(CompletableFuture<Optional<StoredApiKey>> lookup) {
        try {
            return lookup.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (failed.getCause() instanceof Error cause) {
                throw cause;
            }
            throw failed;
        }
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
