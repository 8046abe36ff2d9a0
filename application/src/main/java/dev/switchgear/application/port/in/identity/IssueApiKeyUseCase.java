package dev.switchgear.application.port.in.identity;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.shared.AccountId;

/** Issues API keys for accounts. */
public interface IssueApiKeyUseCase {

    /**
     * Issues a new key for an existing account. The key is returned once and kept only as a hash.
     */
    IssuedApiKey issue(Caller caller, AccountId accountId);

    /** A newly issued key: the secret itself (shown once) and an id and prefix that are safe to show. */
    record IssuedApiKey(String keyId, String key, String prefix) {
        @Override
        public String toString() {
            return "IssuedApiKey[keyId=" + keyId + ", prefix=" + prefix + "]";
        }
    }
}
