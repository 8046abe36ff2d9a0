package dev.switchgear.domain.routing.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a provider that no model uses any more. */
public record RemoveProvider(String providerId, Instant at) implements RoutingPolicyCommand {

    /** There is one routing policy, the platform's. */
    @TargetAggregateIdentifier
    public String policyId() {
        return PolicyIds.PLATFORM;
    }
}
