package dev.switchgear.application.port.out.billing;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import java.util.Optional;

/**
 * A verified payment event, reduced to what the ledger needs: its kind and id, the account (from
 * the metadata the gateway attached at checkout), the Stripe ids, amounts in cents (for a refund,
 * the cumulative amount refunded), the credits bought and the package, and a failure's message.
 */
public record PaymentEvent(Kind kind, String eventId, Optional<AccountId> account, String checkoutReference,
                           String paymentReference, String chargeReference, long amountCents, long amountRefundedCents,
                           String currency, MicroCredits credits, String packageCode, String message,
                           Instant created) {

    public enum Kind {
        CHECKOUT_COMPLETED,
        REFUNDED,
        PAYMENT_FAILED,
        /** Any other event type: acknowledged, nothing done. */
        OTHER
    }
}
