package dev.switchgear.domain.routing.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a provider to the catalog, or changes it. */
public record DefineProvider(ProviderDefinition provider, Instant at) implements RoutingPolicyCommand {

    /** There is one routing policy, the platform's. */
    @TargetAggregateIdentifier
    public String policyId() {
        return PolicyIds.PLATFORM;
    }
}
