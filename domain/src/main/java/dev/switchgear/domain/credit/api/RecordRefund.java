package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a refund of a payment: claws back its credits in proportion to the amount refunded
 * ({@code amountRefundedCents} is cumulative, as payment providers report it).
 */
public record RecordRefund(@TargetAggregateIdentifier AccountId accountId, String paymentReference,
                           String chargeReference, long amountRefundedCents, long amountCents, String paymentEventId,
                           Instant at) implements CreditAccountCommand {
}
