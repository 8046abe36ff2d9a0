package dev.switchgear.domain.routing.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A model was added or changed (its price too); the catalog is now at {@code version}. */
@Revision("1")
public record ModelDefined(long version, CatalogModel model, Instant at) implements RoutingPolicyEvent {
}
