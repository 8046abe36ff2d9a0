package dev.switchgear.domain.routing.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A model was removed; the catalog is now at {@code version}. */
@Revision("1")
public record ModelRemoved(long version, String modelId, Instant at) implements RoutingPolicyEvent {
}
