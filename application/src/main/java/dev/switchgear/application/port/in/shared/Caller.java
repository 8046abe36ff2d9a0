package dev.switchgear.application.port.in.shared;

import dev.switchgear.domain.shared.AccountId;
import java.util.Optional;

/** Who is calling: the platform administrator, or one account through one of its API keys. */
public record Caller(boolean admin, Optional<AccountId> accountId) {

    public static Caller administrator() {
        return new Caller(true, Optional.empty());
    }

    public static Caller of(AccountId accountId) {
        return new Caller(false, Optional.of(accountId));
    }

    /** An account key sees only its own account; the administrator sees all. */
    public boolean canSee(AccountId account) {
        return admin || accountId.map(account::equals).orElse(false);
    }

    /** The account a completion is charged to; the administrator has none. */
    public AccountId account() {
        return accountId.orElseThrow(() -> new IdentityException(IdentityError.ACCOUNT_KEY_REQUIRED,
                "this call needs an account API key, not the admin key"));
    }
}
