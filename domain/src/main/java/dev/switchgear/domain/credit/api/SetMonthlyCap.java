package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets an account's monthly spending cap (calendar month, UTC); a null cap removes it. */
public record SetMonthlyCap(@TargetAggregateIdentifier AccountId accountId, MicroCredits cap, Instant at) implements CreditAccountCommand {
}
