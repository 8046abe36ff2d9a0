package dev.switchgear.domain.keyring;

/** A refusal of the keyring, with a stable code and a message safe to show a caller. */
public class KeyringException extends RuntimeException {

    private final KeyringError code;

    public KeyringException(KeyringError code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public KeyringError code() {
        return code;
    }
}
