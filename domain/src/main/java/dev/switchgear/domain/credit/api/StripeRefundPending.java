package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A refund arrived before its purchase (out of order); it is applied when the purchase is credited. */
@Revision("1")
public record StripeRefundPending(AccountId accountId, String paymentIntentId, String chargeId, long amountRefundedCents, long amountCents, String stripeEventId, Instant at) {
}
