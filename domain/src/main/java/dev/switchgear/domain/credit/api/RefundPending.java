package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A refund was reported before its purchase (out of order); it is applied when the purchase is
 * credited. {@code amountRefundedCents} is cumulative, of {@code amountCents} paid. Written as
 * {@code StripeRefundPending} (revision 1) before the domain spoke neutral words; an upcaster reads
 * those as this.
 */
@Revision("2")
public record RefundPending(AccountId accountId, String paymentReference, String chargeReference,
                            long amountRefundedCents, long amountCents, String paymentEventId, Instant at)
        implements CreditAccountEvent {
}
