package dev.switchgear.application.port.in.identity;

import dev.switchgear.application.port.in.shared.Caller;

/**
 * Turns a verified identity-provider user into a caller: the subject is the account (opened on
 * first sight), the tier the identity provider holds for the user is brought to the account, and
 * the administrator role makes the caller an administrator too.
 */
public interface SignInUseCase {

    /**
     * The caller signed in as {@code identity}.
     *
     * @throws dev.switchgear.application.port.in.shared.IdentityException {@code UNAUTHENTICATED}
     *         when the subject cannot name an account (it is not a UUID)
     */
    Caller signIn(VerifiedIdentity identity);
}
