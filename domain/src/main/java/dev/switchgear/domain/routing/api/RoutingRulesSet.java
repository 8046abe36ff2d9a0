package dev.switchgear.domain.routing.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The routing rules were replaced; the catalog is now at {@code version}. */
@Revision("1")
public record RoutingRulesSet(long version, RoutingRules rules, Instant at) implements RoutingPolicyEvent {
}
