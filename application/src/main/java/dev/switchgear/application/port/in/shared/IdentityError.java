package dev.switchgear.application.port.in.shared;

/** Stable codes of the identity context's refusals. */
public enum IdentityError {
    UNAUTHENTICATED,
    ADMIN_REQUIRED,
    ACCOUNT_KEY_REQUIRED
}
