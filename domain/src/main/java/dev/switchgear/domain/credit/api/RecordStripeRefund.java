package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Claws back the credits of a refunded payment, in proportion to the refunded amount (cumulative, as Stripe reports it). */
public record RecordStripeRefund(@TargetAggregateIdentifier AccountId accountId, String paymentIntentId, String chargeId, long amountRefundedCents, long amountCents, String stripeEventId, Instant at) {
}
