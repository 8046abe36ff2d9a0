package dev.switchgear.domain.routing.api;

/**
 * Every event of the platform's routing-policy stream that the policy folds: each is a catalog
 * change and carries the catalog {@code version} it produced.
 */
public sealed interface RoutingPolicyEvent permits CatalogInitialised, ProviderDefined, ProviderRemoved,
        ModelDefined, ModelRemoved, RoutingRulesSet {

    /** The catalog version this change produced. */
    long version();
}
