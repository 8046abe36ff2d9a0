package dev.switchgear.application.port.in.shared;

/** A refusal to authenticate or authorise a caller; its message is safe to show. */
public class IdentityException extends RuntimeException {

    private final IdentityError code;

    public IdentityException(IdentityError code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public IdentityError code() {
        return code;
    }
}
