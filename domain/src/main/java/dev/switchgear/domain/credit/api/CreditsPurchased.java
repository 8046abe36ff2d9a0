package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Credits were bought through Stripe Checkout; carries Stripe's ids. */
@Revision("1")
public record CreditsPurchased(AccountId accountId, MicroCredits credits, long amountCents, String currency, String packageCode, String checkoutSessionId, String paymentIntentId, String stripeEventId, MicroCredits balanceAfter, Instant at) {
}
