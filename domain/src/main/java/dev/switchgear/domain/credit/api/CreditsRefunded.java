package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Credits were taken back (a refunded payment, or an admin refund); the balance may go below zero,
 * which blocks platform-key usage. For a refunded payment {@code paymentReference},
 * {@code chargeReference} and {@code paymentEventId} name the payment, the refunded charge and the
 * provider's notification; all three are null for an admin refund. Revision 2 renamed revision 1's
 * vendor-named fields; an upcaster reads revision 1 as this.
 */
@Revision("2")
public record CreditsRefunded(AccountId accountId, MicroCredits credits, String reason, String paymentReference,
                              String chargeReference, String paymentEventId, MicroCredits balanceAfter, Instant at)
        implements CreditAccountEvent {
}
