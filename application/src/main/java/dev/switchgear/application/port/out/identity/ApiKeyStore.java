package dev.switchgear.application.port.out.identity;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read model of account API keys (table {@code api_key}), written from the account's
 * {@code ApiKeyIssued} and {@code ApiKeyRevoked} events in the command's own transaction. Keys are
 * kept as SHA-256 hashes; the key itself is never stored.
 */
public interface ApiKeyStore {

    /** The key with this hash, revoked or not; empty when no key has it. */
    Optional<StoredApiKey> findByHash(String keyHash);

    /** The account's key with this id, revoked or not; empty when the account has no such key. */
    Optional<StoredApiKey> find(AccountId accountId, String keyId);

    /** The account's keys that are not revoked (expired ones included), newest first. */
    List<StoredApiKey> listByAccount(AccountId accountId);

    /**
     * Records when keys were last used, in one statement: a time earlier than the one stored (another
     * node's) is ignored, unknown key ids are skipped.
     */
    void recordLastUse(Map<String, Instant> lastUsedByKeyId);
}
