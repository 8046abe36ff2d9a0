package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a failed payment reported by Stripe. */
public record RecordPaymentFailure(@TargetAggregateIdentifier AccountId accountId, String paymentIntentId, String message, String stripeEventId, Instant at) {
}
