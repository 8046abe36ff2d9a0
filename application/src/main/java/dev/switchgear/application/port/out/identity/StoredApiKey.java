package dev.switchgear.application.port.out.identity;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.Objects;

/**
 * One account API key as the read model holds it: never the key, only its SHA-256 hash and the
 * few characters shown to tell keys apart. {@code expiresAt}, {@code revokedAt} and
 * {@code lastUsedAt} are null when the key has none.
 */
public record StoredApiKey(String keyId, AccountId accountId, String name, String prefix, String keyHash,
                           Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

    public StoredApiKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    /** Whether the key has expired at {@code now} (an expiry is the first instant it no longer works). */
    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "StoredApiKey[keyId=" + keyId + ", accountId=" + accountId + ", prefix=" + prefix + "]";
    }
}
