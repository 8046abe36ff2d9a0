package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds credits to an account (an admin grant; purchases come later with their own command). */
public record GrantCredits(@TargetAggregateIdentifier AccountId accountId, MicroCredits amount, String reason,
                           Instant grantedAt) implements CreditAccountCommand {
}
