package dev.switchgear.domain.routing.api;

/** Every command the platform's routing policy handles: changes to the catalog and the rules. */
public sealed interface RoutingPolicyCommand permits InitialiseCatalog, DefineProvider, RemoveProvider, DefineModel,
        RemoveModel, SetRoutingRules {
}
