package dev.switchgear.domain.routing.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets whether an account's requests use its own provider keys when it has them (the default). */
public record SetByokPreference(AccountId accountId, boolean preferByok, Instant at) {

    /** There is one routing policy, the platform's. */
    @TargetAggregateIdentifier
    public String policyId() {
        return PolicyIds.PLATFORM;
    }
}
