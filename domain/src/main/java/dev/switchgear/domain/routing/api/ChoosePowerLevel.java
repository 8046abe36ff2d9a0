package dev.switchgear.domain.routing.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets an account's power level. */
public record ChoosePowerLevel(AccountId accountId, PowerLevel level, Instant at) {

    /** There is one routing policy, the platform's. */
    @TargetAggregateIdentifier
    public String policyId() {
        return PolicyIds.PLATFORM;
    }
}
