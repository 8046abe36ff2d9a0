package dev.switchgear.application.port.out.keyring;

/** A user-given endpoint was refused by the egress guard; the message is safe to show. */
public class EgressRefusedException extends RuntimeException {

    public EgressRefusedException(String message) {
        super(message, null, false, false);
    }
}
