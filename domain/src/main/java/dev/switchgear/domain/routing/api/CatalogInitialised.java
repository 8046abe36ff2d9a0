package dev.switchgear.domain.routing.api;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The bundled default catalog was loaded, as version 1. */
@Revision("1")
public record CatalogInitialised(long version, List<ProviderDefinition> providers, List<CatalogModel> models, RoutingRules rules, Instant at) implements RoutingPolicyEvent {
}
