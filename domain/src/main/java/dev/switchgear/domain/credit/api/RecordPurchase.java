package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Credits a completed checkout; once per checkout and per payment notification. */
public record RecordPurchase(@TargetAggregateIdentifier AccountId accountId, MicroCredits credits, long amountCents,
                             String currency, String packageCode, String checkoutReference, String paymentReference,
                             String paymentEventId, Instant at) implements CreditAccountCommand {
}
