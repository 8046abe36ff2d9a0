package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a failed payment reported by the payment provider. */
public record RecordPaymentFailure(@TargetAggregateIdentifier AccountId accountId, String paymentReference,
                                   String message, String paymentEventId, Instant at) implements CreditAccountCommand {
}
