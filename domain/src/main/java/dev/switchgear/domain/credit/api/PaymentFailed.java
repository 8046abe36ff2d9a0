package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A payment failed at Stripe; nothing was credited. */
@Revision("1")
public record PaymentFailed(AccountId accountId, String paymentIntentId, String message, String stripeEventId, Instant at) {
}
