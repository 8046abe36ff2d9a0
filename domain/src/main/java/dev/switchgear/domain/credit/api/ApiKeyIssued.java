package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A gateway API key was issued to an account: its id, optional name, the characters shown to tell
 * it apart, the SHA-256 hash authentication looks up (never the key), optional expiry.
 */
@Revision("1")
public record ApiKeyIssued(AccountId accountId, String keyId, String name, String prefix, String keyHash,
                           Instant expiresAt, Instant issuedAt) implements CreditAccountEvent {

    @Override
    public String toString() {
        return "ApiKeyIssued[accountId=" + accountId + ", keyId=" + keyId + ", name=" + name + ", prefix=" + prefix
                + ", expiresAt=" + expiresAt + ", issuedAt=" + issuedAt + "]";
    }
}
