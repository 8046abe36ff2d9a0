package dev.switchgear.application.fakes;

import dev.switchgear.application.port.out.identity.AdminCredentialStore;
import dev.switchgear.application.port.out.identity.ApiKeyStore;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Key hashes in memory. */
public class InMemoryIdentityStores implements ApiKeyStore, AdminCredentialStore {

    private final Map<String, AccountId> keys = new ConcurrentHashMap<>();
    private volatile String adminHash;

    @Override
    public void save(String keyId, String keyHash, String prefix, AccountId accountId, Instant createdAt) {
        if (keys.putIfAbsent(keyHash, accountId) != null) {
            throw new IllegalStateException("duplicate key hash");
        }
    }

    @Override
    public Optional<AccountId> findAccountByHash(String keyHash) {
        return Optional.ofNullable(keys.get(keyHash));
    }

    public Map<String, AccountId> storedHashes() {
        return Map.copyOf(keys);
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
