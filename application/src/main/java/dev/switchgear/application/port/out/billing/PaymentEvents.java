package dev.switchgear.application.port.out.billing;

/**
 * The payment provider's webhook events: verifies a delivery's signature over its raw body and
 * reads what the gateway needs from it. A delivery that is not authentic, or too old or too new,
 * is refused with {@link PaymentEventRejected}.
 */
public interface PaymentEvents {

    PaymentEvent verify(byte[] payload, String signatureHeader);
}
