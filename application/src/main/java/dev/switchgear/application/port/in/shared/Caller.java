package dev.switchgear.application.port.in.shared;

import dev.switchgear.domain.shared.AccountId;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling: the platform administrator, or one account — through one of its API keys or as a
 * user signed in with the identity provider (whose subject is the account). {@code actor} names the
 * credential for audits, never holding a secret: {@code admin} (the admin key), {@code key:<key id>}
 * (an account key), {@code user:<subject>} (a signed-in user; an administrator if {@code admin}).
 * A signed-in administrator may also have an account of their own.
 */
public record Caller(boolean admin, Optional<AccountId> accountId, String actor) {

    public Caller {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(actor, "actor");
    }

    /** The holder of the admin key. */
    public static Caller administrator() {
        return new Caller(true, Optional.empty(), "admin");
    }

    /** An account, through a credential the audit log does not tell apart. */
    public static Caller of(AccountId accountId) {
        return new Caller(false, Optional.of(accountId), "account:" + accountId);
    }

    /** An account through its API key {@code keyId}. */
    public static Caller withKey(AccountId accountId, String keyId) {
        return new Caller(false, Optional.of(accountId), "key:" + keyId);
    }

    /** A user signed in with the identity provider: their account, and whether they hold the admin role. */
    public static Caller signedIn(AccountId account, boolean admin) {
        return new Caller(admin, Optional.of(account), "user:" + account);
    }

    /** The id of the account API key calling ({@code key:<id>}), or null for a signed-in user or the admin key. */
    public String apiKeyId() {
        return actor.startsWith("key:") ? actor.substring("key:".length()) : null;
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
