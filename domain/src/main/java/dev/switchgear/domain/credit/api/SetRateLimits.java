package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Overrides an account's rate limits (an administrator's decision): requests and tokens per
 * minute. A null limit returns that limit to the account tier's default.
 */
public record SetRateLimits(@TargetAggregateIdentifier AccountId accountId, Integer requestsPerMinute,
                            Long tokensPerMinute, Instant at) implements CreditAccountCommand {
}
