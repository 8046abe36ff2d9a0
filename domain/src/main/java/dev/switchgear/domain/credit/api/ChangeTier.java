package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.Tier;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves an account to another subscription tier: an administrator's decision, or the tier its
 * identity provider now reports for the signed-in user. The same tier again changes nothing.
 */
public record ChangeTier(@TargetAggregateIdentifier AccountId accountId, Tier tier, Instant at)
        implements CreditAccountCommand {
}
