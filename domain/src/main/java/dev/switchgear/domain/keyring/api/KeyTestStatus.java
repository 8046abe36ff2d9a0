package dev.switchgear.domain.keyring.api;

import java.util.Locale;

/** What a live test of a key found: the provider accepted it, refused it, or could not be asked. */
public enum KeyTestStatus {
    /** The provider answered the test call with success. */
    VALID,
    /** The provider refused the key (401/403). */
    INVALID,
    /** The provider could not be reached, timed out, or failed (5xx, 429, network). */
    UNREACHABLE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
