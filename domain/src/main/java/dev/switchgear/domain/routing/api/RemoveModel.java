package dev.switchgear.domain.routing.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a model that no chain names any more. */
public record RemoveModel(String modelId, Instant at) implements RoutingPolicyCommand {

    /** There is one routing policy, the platform's. */
    @TargetAggregateIdentifier
    public String policyId() {
        return PolicyIds.PLATFORM;
    }
}
