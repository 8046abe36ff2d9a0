package dev.switchgear.application.port.in.routing;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.routing.api.RoutingRules;

/** The routing rules (fallback chains, quality floors, attempts): anyone reads them; the administrator sets them. */
public interface ManageRoutingRulesUseCase {

    long catalogVersion();

    RoutingRules rules();

    /** Replaces the rules; returns the new catalog version. */
    long setRules(Caller caller, RoutingRules rules);
}
