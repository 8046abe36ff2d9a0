package dev.switchgear.domain.credit;

/** A refusal of the credit context, with a stable code and a message safe to show a caller. */
public class CreditException extends RuntimeException {

    private final CreditError code;

    public CreditException(CreditError code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public CreditError code() {
        return code;
    }
}
