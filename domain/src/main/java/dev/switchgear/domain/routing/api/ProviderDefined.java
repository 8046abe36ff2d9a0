package dev.switchgear.domain.routing.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A provider was added or changed; the catalog is now at {@code version}. */
@Revision("1")
public record ProviderDefined(long version, ProviderDefinition provider, Instant at) implements RoutingPolicyEvent {
}
