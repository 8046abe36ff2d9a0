package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A payment failed at the payment provider; nothing was credited. Revision 2 renamed revision 1's
 * vendor-named fields; an upcaster reads revision 1 as this.
 */
@Revision("2")
public record PaymentFailed(AccountId accountId, String paymentReference, String message, String paymentEventId,
                            Instant at) implements CreditAccountEvent {
}
