package dev.switchgear.domain.routing.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A provider was removed; the catalog is now at {@code version}. */
@Revision("1")
public record ProviderRemoved(long version, String providerId, Instant at) implements RoutingPolicyEvent {
}
