package dev.switchgear.domain.credit.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens a credit account for a team on a subscription tier. */
public record OpenAccount(@TargetAggregateIdentifier AccountId accountId, String name, Tier tier, Instant openedAt) {
}
