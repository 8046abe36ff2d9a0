package dev.switchgear.application.port.out.billing;

/** A webhook delivery that failed verification; the message is safe to show (it names no secret). */
public class PaymentEventRejected extends RuntimeException {

    public PaymentEventRejected(String message) {
        super(message, null, false, false);
    }
}
