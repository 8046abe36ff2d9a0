package dev.switchgear.application.port.in.identity;

import dev.switchgear.application.port.in.identity.IssueApiKeyUseCase.IssuedApiKey;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.List;

/**
 * An account's gateway API keys, managed by the account itself or the administrator: issue (the key
 * shown once), list (masked), revoke. Another account's key is not found (404), never refused.
 */
public interface ManageApiKeysUseCase {

    /** A new key for the account, with an optional name and expiry. */
    IssuedApiKey create(Caller caller, AccountId accountId, NewApiKey request);

    /** The account's keys that are not revoked, newest first; expired ones are listed as such. */
    List<ApiKeyView> list(Caller caller, AccountId accountId);

    /** Revokes the account's key: it stops working on this node at once, on others within the cache's time. */
    void revoke(Caller caller, AccountId accountId, String keyId);

    /** What a caller may choose for a new key: a name, and an expiry as a time or in days from now (not both). */
    record NewApiKey(String name, Instant expiresAt, Integer expiresInDays) {

        public static final int MAX_DAYS = 3650;

        public NewApiKey {
            if (expiresAt != null && expiresInDays != null) {
                throw new IllegalArgumentException("give expires_at or expires_in_days, not both");
            }
            if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > MAX_DAYS)) {
                throw new IllegalArgumentException("expires_in_days must be a whole number from 1 to " + MAX_DAYS);
            }
        }

        public static NewApiKey unnamed() {
            return new NewApiKey(null, null, null);
        }
    }

    /** A key as it may be shown again: {@code prefix} is the key's first characters, never more. */
    record ApiKeyView(String keyId, String name, String prefix, Instant createdAt, Instant lastUsedAt,
                      Instant expiresAt, boolean expired) {
    }
}
