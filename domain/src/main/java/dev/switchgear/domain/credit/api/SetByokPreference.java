package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets whether an account's requests use its own provider keys when it has them (the default). */
public record SetByokPreference(@TargetAggregateIdentifier AccountId accountId, boolean preferByok, Instant at)
        implements CreditAccountCommand {
}
