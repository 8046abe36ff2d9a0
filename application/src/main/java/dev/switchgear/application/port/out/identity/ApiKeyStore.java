package dev.switchgear.application.port.out.identity;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.Optional;

/** Account API keys, kept as SHA-256 hashes; the key itself is never stored. */
public interface ApiKeyStore {

    void save(String keyId, String keyHash, String prefix, AccountId accountId, Instant createdAt);

    Optional<AccountId> findAccountByHash(String keyHash);
}
