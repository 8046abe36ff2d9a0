package dev.switchgear.domain.keyring;

/** Stable codes of the keyring's refusals; the REST layer maps them to HTTP statuses. */
public enum KeyringError {
    /** The account's tier does not include BYOK (Free). */
    TIER_FORBIDS_BYOK,
    /** The tier's limit of keys per provider is reached. */
    KEY_LIMIT_REACHED,
    /** The provider, label, key or endpoint is not acceptable. */
    INVALID_KEY,
    /** No key matches. */
    KEY_NOT_FOUND
}
