package dev.switchgear.application.port.out.billing;

/** The payment provider could not create the checkout (unreachable, or it refused); safe to show. */
public class PaymentGatewayUnavailable extends RuntimeException {

    public PaymentGatewayUnavailable(String message) {
        super(message, null, false, false);
    }
}
