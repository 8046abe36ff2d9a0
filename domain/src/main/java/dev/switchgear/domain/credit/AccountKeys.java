package dev.switchgear.domain.credit;

import dev.switchgear.domain.credit.api.ApiKeyIssued;
import dev.switchgear.domain.credit.api.ApiKeyRevoked;
import dev.switchgear.domain.credit.api.IssueApiKey;
import dev.switchgear.domain.credit.api.RevokeApiKey;
import dev.switchgear.domain.shared.AccountId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of an account's gateway API keys: which ids it has issued and which of them are still
 * live. A key id is issued once; a name has at most 100 printable characters; an expiry lies after
 * the issue; an account holds at most {@link #MAX_LIVE_KEYS} live keys; only a live key of this
 * account can be revoked. Keys issued before keys were events (rows only) are not known here.
 */
final class AccountKeys {

    static final int MAX_LIVE_KEYS = 100;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final AccountId accountId;
    private final Set<String> issued = new HashSet<>();
    private final Map<String, Boolean> live = new HashMap<>();

    AccountKeys(AccountId accountId) {
        this.accountId = accountId;
    }

    /** An independent copy. */
    AccountKeys copy() {
        AccountKeys copy = new AccountKeys(accountId);
        copy.issued.addAll(issued);
        copy.live.putAll(live);
        return copy;
    }

    ApiKeyIssued decide(IssueApiKey command) {
        if (command.keyId() == null || command.keyId().isBlank() || command.keyId().length() > 64) {
            throw new CreditException(CreditError.INVALID_API_KEY, "an API key needs an id of 1 to 64 characters");
        }
        if (issued.contains(command.keyId())) {
            throw new CreditException(CreditError.INVALID_API_KEY, "API key id " + command.keyId() + " is taken");
        }
        String name = command.name() == null ? null : command.name().strip();
        if (name != null && (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl))) {
            throw new CreditException(CreditError.INVALID_API_KEY,
                    "an API key's name has 1 to 100 characters and no control characters");
        }
        if (command.keyHash() == null || !HASH.matcher(command.keyHash()).matches()) {
            throw new CreditException(CreditError.INVALID_API_KEY, "an API key is stored as its SHA-256 hash");
        }
        if (command.expiresAt() != null && !command.expiresAt().isAfter(command.at())) {
            throw new CreditException(CreditError.INVALID_API_KEY, "an API key's expiry must lie in the future");
        }
        if (live.size() >= MAX_LIVE_KEYS) {
            throw new CreditException(CreditError.TOO_MANY_API_KEYS,
                    "an account holds at most " + MAX_LIVE_KEYS + " live API keys; revoke one first");
        }
        return new ApiKeyIssued(accountId, command.keyId(), name, command.prefix(), command.keyHash(),
                command.expiresAt(), command.at());
    }

    ApiKeyRevoked decide(RevokeApiKey command) {
        if (command.keyId() == null || !live.containsKey(command.keyId())) {
            throw new CreditException(CreditError.API_KEY_NOT_FOUND, "API key not found");
        }
        return new ApiKeyRevoked(accountId, command.keyId(), command.at());
    }

    void apply(ApiKeyIssued event) {
        issued.add(event.keyId());
        live.put(event.keyId(), Boolean.TRUE);
    }

    void apply(ApiKeyRevoked event) {
        live.remove(event.keyId());
    }

    boolean isLive(String keyId) {
        return live.containsKey(keyId);
    }

    int liveCount() {
        return live.size();
    }
}
