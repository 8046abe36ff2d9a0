package dev.switchgear.application.port.out.keyring;

/** A sealed key cannot be opened: its data key was shredded or it was sealed for another owner. */
public class KeyUnavailableException extends RuntimeException {

    public KeyUnavailableException(String message) {
        super(message, null, false, false);
    }
}
