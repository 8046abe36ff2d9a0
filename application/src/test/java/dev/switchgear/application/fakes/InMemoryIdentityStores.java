package dev.switchgear.application.fakes;

import dev.switchgear.application.port.out.identity.AdminCredentialStore;
import dev.switchgear.application.port.out.identity.ApiKeyStore;
import dev.switchgear.application.port.out.identity.StoredApiKey;
import dev.switchgear.domain.credit.api.ApiKeyIssued;
import dev.switchgear.domain.credit.api.ApiKeyRevoked;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Key hashes in memory: the API key read model as the projection would write it ({@link #project}),
 * and the admin key's hash. Counts the lookups by hash, so tests can see what the caches saved.
 */
public class InMemoryIdentityStores implements ApiKeyStore, AdminCredentialStore {

    private final Map<String, StoredApiKey> byId = new ConcurrentHashMap<>();
    private final AtomicInteger hashLookups = new AtomicInteger();
    private volatile String adminHash;

    /** What the subscribing projection does with the account's key events; other events are ignored. */
    public synchronized void project(CreditAccountEvent event) {
        if (event instanceof ApiKeyIssued issued) {
            if (byId.containsKey(issued.keyId())) {
                return;
            }
            if (byId.values().stream().anyMatch(k -> k.keyHash().equals(issued.keyHash()))) {
                throw new IllegalStateException("duplicate key hash");
            }
            byId.put(issued.keyId(), new StoredApiKey(issued.keyId(), issued.accountId(), issued.name(),
                    issued.prefix(), issued.keyHash(), issued.issuedAt(), issued.expiresAt(), null, null));
        } else if (event instanceof ApiKeyRevoked revoked) {
            byId.computeIfPresent(revoked.keyId(), (id, k) -> k.revoked() ? k : new StoredApiKey(k.keyId(),
                    k.accountId(), k.name(), k.prefix(), k.keyHash(), k.createdAt(), k.expiresAt(),
                    revoked.revokedAt(), k.lastUsedAt()));
        }
    }

    /** A row written before keys were events (no name, no expiry, no event). */
    public synchronized void legacyRow(String keyId, String keyHash, String prefix, AccountId accountId,
                                       Instant createdAt) {
        byId.put(keyId, new StoredApiKey(keyId, accountId, null, prefix, keyHash, createdAt, null, null, null));
    }

    @Override
    public Optional<StoredApiKey> findByHash(String keyHash) {
        hashLookups.incrementAndGet();
        return byId.values().stream().filter(k -> k.keyHash().equals(keyHash)).findFirst();
    }

    @Override
    public Optional<StoredApiKey> find(AccountId accountId, String keyId) {
        return Optional.ofNullable(byId.get(keyId)).filter(k -> k.accountId().equals(accountId));
    }

    @Override
    public List<StoredApiKey> listByAccount(AccountId accountId) {
        return byId.values().stream().filter(k -> k.accountId().equals(accountId) && !k.revoked())
                .sorted(Comparator.comparing(StoredApiKey::createdAt).thenComparing(StoredApiKey::keyId).reversed())
                .toList();
    }

    @Override
    public synchronized void recordLastUse(Map<String, Instant> lastUsedByKeyId) {
        lastUsedByKeyId.forEach((keyId, at) -> byId.computeIfPresent(keyId, (id, k) ->
                k.lastUsedAt() != null && !at.isAfter(k.lastUsedAt()) ? k
                        : new StoredApiKey(k.keyId(), k.accountId(), k.name(), k.prefix(), k.keyHash(), k.createdAt(),
                        k.expiresAt(), k.revokedAt(), at)));
    }

    /** How many times a key was looked up by its hash. */
    public int hashLookups() {
        return hashLookups.get();
    }

    /** Every stored key hash. */
    public List<String> storedHashes() {
        return byId.values().stream().map(StoredApiKey::keyHash).toList();
    }

    @Override
    public Optional<String> adminKeyHash() {
        return Optional.ofNullable(adminHash);
    }

    @Override
    public void saveAdminKeyHash(String hash) {
        adminHash = hash;
    }
}
