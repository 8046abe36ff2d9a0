package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An administrator takes credits back (a refund made outside the payment provider, a correction). */
public record RefundCredits(@TargetAggregateIdentifier AccountId accountId, MicroCredits credits, String reason, Instant at) implements CreditAccountCommand {
}
