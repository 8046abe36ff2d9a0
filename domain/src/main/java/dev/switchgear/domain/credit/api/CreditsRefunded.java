package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Credits were taken back (a Stripe refund, or an admin refund); the balance may go below zero, which blocks platform-key usage. */
@Revision("1")
public record CreditsRefunded(AccountId accountId, MicroCredits credits, String reason, String paymentIntentId, String chargeId, String stripeEventId, MicroCredits balanceAfter, Instant at) {
}
