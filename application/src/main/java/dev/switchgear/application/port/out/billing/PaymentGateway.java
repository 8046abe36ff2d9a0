package dev.switchgear.application.port.out.billing;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;

/** The payment provider's hosted checkout (Stripe Checkout). */
public interface PaymentGateway {

    /** Creates a checkout session for a credit purchase; the account and the credits travel as its metadata. */
    Checkout createCheckout(CheckoutRequest request);

    /** What is bought: by whom, which package, for how much, how many credits, and where the buyer returns. */
    record CheckoutRequest(AccountId account, String packageCode, long amountCents, String currency,
                           MicroCredits credits, String description, String successUrl, String cancelUrl) {
    }

    /** A created session: its id and the page the buyer pays on. */
    record Checkout(String sessionId, String url) {
    }
}
