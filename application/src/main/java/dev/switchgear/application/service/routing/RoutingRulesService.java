package dev.switchgear.application.service.routing;

import static dev.switchgear.application.service.routing.RoutingAccess.requireAdmin;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.routing.ManageRoutingRulesUseCase;
import dev.switchgear.domain.routing.api.RoutingRules;
import dev.switchgear.domain.routing.api.SetRoutingRules;
import java.time.Clock;

/** The routing rules the router applies: fallback chains, quality floors per power level, attempts. */
public class RoutingRulesService implements ManageRoutingRulesUseCase {

    private final CurrentCatalog catalog;
    private final Clock clock;

    public RoutingRulesService(CurrentCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public long catalogVersion() {
        return catalog.get().version();
    }

    @Override
    public RoutingRules rules() {
        return catalog.get().rules();
    }

    @Override
    public long setRules(Caller caller, RoutingRules rules) {
        requireAdmin(caller);
        return catalog.change(new SetRoutingRules(rules, clock.instant())).version();
    }
}
