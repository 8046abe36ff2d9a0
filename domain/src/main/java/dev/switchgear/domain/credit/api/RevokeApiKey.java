package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revokes one of an account's gateway API keys; it stops working at once. */
public record RevokeApiKey(@TargetAggregateIdentifier AccountId accountId, String keyId, Instant at)
        implements CreditAccountCommand {
}
