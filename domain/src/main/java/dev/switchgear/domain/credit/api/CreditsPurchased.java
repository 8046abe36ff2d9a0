package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Credits were bought through the payment provider's checkout. {@code checkoutReference} names the
 * checkout, {@code paymentReference} the payment it produced (refunds refer to it) and
 * {@code paymentEventId} the provider's notification that reported it (each is credited once).
 * Revision 2 renamed revision 1's vendor-named fields; an upcaster reads revision 1 as this.
 */
@Revision("2")
public record CreditsPurchased(AccountId accountId, MicroCredits credits, long amountCents, String currency,
                               String packageCode, String checkoutReference, String paymentReference,
                               String paymentEventId, MicroCredits balanceAfter, Instant at)
        implements CreditAccountEvent {
}
