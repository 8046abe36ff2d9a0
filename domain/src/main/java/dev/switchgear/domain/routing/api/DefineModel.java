package dev.switchgear.domain.routing.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a model to the catalog, or changes it (a new price is a new catalog version). */
public record DefineModel(CatalogModel model, Instant at) implements RoutingPolicyCommand {

    /** There is one routing policy, the platform's. */
    @TargetAggregateIdentifier
    public String policyId() {
        return PolicyIds.PLATFORM;
    }
}
