package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens a credit account for a team on a subscription tier. */
public record OpenAccount(@TargetAggregateIdentifier AccountId accountId, String name, Tier tier, Instant openedAt) implements CreditAccountCommand {
}
