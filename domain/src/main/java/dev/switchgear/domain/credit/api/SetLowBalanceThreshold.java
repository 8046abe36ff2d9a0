package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets the balance below which the account is alerted; null returns to the default (10 % of the last purchase). */
public record SetLowBalanceThreshold(@TargetAggregateIdentifier AccountId accountId, MicroCredits threshold, Instant at) implements CreditAccountCommand {
}
