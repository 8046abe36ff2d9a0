package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.PowerLevel;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets the power level an account's requests are routed at when they name none. */
public record ChoosePowerLevel(@TargetAggregateIdentifier AccountId accountId, PowerLevel level, Instant at)
        implements CreditAccountCommand {
}
