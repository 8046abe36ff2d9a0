package dev.switchgear.application.port.in.identity;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;

/** Issues API keys for accounts (the administrator's route). */
public interface IssueApiKeyUseCase {

    /**
     * Issues a new key, without name or expiry, for an existing account; admin only. The key is
     * returned once and kept only as a hash.
     */
    IssuedApiKey issue(Caller caller, AccountId accountId);

    /**
     * A newly issued key: the secret itself (shown once) and what is safe to show again — its id, the
     * prefix, the name, when it was issued and when it expires (null: never).
     */
    record IssuedApiKey(String keyId, String key, String prefix, String name, Instant createdAt, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedApiKey[keyId=" + keyId + ", prefix=" + prefix + ", name=" + name + ", createdAt=" + createdAt
                    + ", expiresAt=" + expiresAt + "]";
        }
    }
}
