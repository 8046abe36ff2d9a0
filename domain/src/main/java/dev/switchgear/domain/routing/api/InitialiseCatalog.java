package dev.switchgear.domain.routing.api;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Loads the bundled default catalog into an empty policy (the first start). */
public record InitialiseCatalog(List<ProviderDefinition> providers, List<CatalogModel> models, RoutingRules rules, Instant at) implements RoutingPolicyCommand {

    /** There is one routing policy, the platform's. */
    @TargetAggregateIdentifier
    public String policyId() {
        return PolicyIds.PLATFORM;
    }
}
