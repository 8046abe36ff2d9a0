package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Credits a completed Stripe Checkout purchase; once per checkout session and per Stripe event. */
public record RecordPurchase(@TargetAggregateIdentifier AccountId accountId, MicroCredits credits, long amountCents, String currency, String packageCode, String checkoutSessionId, String paymentIntentId, String stripeEventId, Instant at) {
}
