package dev.switchgear.application.service.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.port.out.routing.RoutingPolicyCommands;
import dev.switchgear.domain.routing.api.CatalogInitialised;
import dev.switchgear.domain.routing.api.InitialiseCatalog;
import dev.switchgear.domain.routing.api.RoutingPolicyCommand;
import dev.switchgear.domain.routing.api.RoutingRules;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two gateways starting at once on an empty database both try to initialise the catalog (ADR 0030). */
class CurrentCatalogTest {

    private static final Instant T0 = Instant.parse("2026-12-03T07:00:00Z");
    private static final RoutingRules RULES = new RoutingRules(Map.of(), Map.of(), 3);

    /** The other node's initialisation lands first; ours then fails on the event store's unique key. */
    private static final class RacedPolicy implements RoutingPolicyCommands {
        boolean otherNodeWon;
        final boolean otherNodeExists;

        RacedPolicy(boolean otherNodeExists) {
            this.otherNodeExists = otherNodeExists;
        }

        @Override
        public void send(RoutingPolicyCommand command) {
            otherNodeWon = otherNodeExists;
            throw new IllegalStateException("duplicate key value violates unique constraint");
        }

        @Override
        public PolicyHistory history() {
            return new PolicyHistory(otherNodeWon
                    ? List.of(new CatalogInitialised(1, List.of(), List.of(), RULES, T0)) : List.of(), List.of());
        }
    }

    @Test
    void aCatalogAnotherNodeInitialisedMeanwhileIsTakenAsIs() {
        CurrentCatalog catalog = new CurrentCatalog(new RacedPolicy(true));

        assertThat(catalog.initialise(() -> new InitialiseCatalog(List.of(), List.of(), RULES, T0)).initialised())
                .isTrue();
    }

    @Test
    void aFailureWithNoCatalogStoredIsNotHidden() {
        CurrentCatalog catalog = new CurrentCatalog(new RacedPolicy(false));

        assertThatThrownBy(() -> catalog.initialise(() -> new InitialiseCatalog(List.of(), List.of(), RULES, T0)))
                .isInstanceOf(IllegalStateException.class);
    }
}
