package dev.switchgear.domain.routing;

import static dev.switchgear.domain.Refusals.routingRefusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.routing.api.CatalogInitialised;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.routing.api.DefineModel;
import dev.switchgear.domain.routing.api.InitialiseCatalog;
import dev.switchgear.domain.routing.api.ModelDefined;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.routing.api.ProviderDefinition;
import dev.switchgear.domain.routing.api.RemoveModel;
import dev.switchgear.domain.routing.api.RoutingRules;
import dev.switchgear.domain.routing.api.RoutingPolicyEvent;
import dev.switchgear.domain.routing.api.RoutingRulesSet;
import dev.switchgear.domain.routing.api.SetRoutingRules;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoutingPolicyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ProviderDefinition GROQ = new ProviderDefinition("groq", "Groq", "openai", false);
    private static final CatalogModel FAST = new CatalogModel("fast", "groq", "llama", 50_000, 80_000, 128_000, 1_000,
            Tier.FREE, Set.of(), 55, Set.of("chat"));
    private static final RoutingRules RULES = new RoutingRules(Map.of("chat", List.of("fast")), Map.of(), 3);
    private static final CatalogInitialised INITIALISED = new CatalogInitialised(1, List.of(GROQ), List.of(FAST),
            RULES, T0);

    private FixtureConfiguration<RoutingPolicy> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RoutingPolicy.class);
    }

    @Test
    void theDefaultCatalogIsVersionOneAndLoadsOnce() {
        fixture.givenNoPriorActivity()
                .when(new InitialiseCatalog(List.of(GROQ), List.of(FAST), RULES, T0))
                .expectEvents(INITIALISED);
        fixture.given(INITIALISED)
                .when(new InitialiseCatalog(List.of(GROQ), List.of(FAST), RULES, T0))
                .expectNoEvents()
                .expectException(routingRefusal("already initialised"));
    }

    @Test
    void everyCatalogChangeIsANewVersionButAPowerLevelIsNot() {
        CatalogModel dearer = new CatalogModel("fast", "groq", "llama", 60_000, 90_000, 128_000, 1_000, Tier.FREE,
                Set.of(), 55, Set.of("chat"));
        fixture.given(INITIALISED)
                .when(new DefineModel(dearer, T0))
                .expectEvents(new ModelDefined(2, dearer, T0));
        assertThat(Catalog.replay(List.of(INITIALISED, new ModelDefined(2, dearer, T0))).version()).isEqualTo(2);
    }

    @Test
    void refusesChangesThatWouldLeaveTheCatalogInconsistent() {
        CatalogModel orphan = new CatalogModel("orphan", "nobody", null, 1, 1, 1_000, 100, Tier.FREE, Set.of(), 50,
                Set.of());
        fixture.given(INITIALISED).when(new DefineModel(orphan, T0)).expectNoEvents()
                .expectException(routingRefusal("names an unknown provider"));
        fixture.given(INITIALISED).when(new RemoveModel("fast", T0)).expectNoEvents()
                .expectException(routingRefusal("is named by the chain"));
        fixture.given(INITIALISED)
                .when(new SetRoutingRules(new RoutingRules(Map.of("eco", List.of("fast")), Map.of(), 3), T0))
                .expectNoEvents().expectException(routingRefusal("reserved alias"));
        fixture.given(INITIALISED)
                .when(new SetRoutingRules(new RoutingRules(Map.of("chat", List.of("ghost")), Map.of(), 3), T0))
                .expectNoEvents().expectException(routingRefusal("names an unknown model"));
        RoutingRules empty = new RoutingRules(Map.of(), Map.of(PowerLevel.PRECISION, 90), 2);
        fixture.given(INITIALISED).when(new SetRoutingRules(empty, T0))
                .expectEvents(new RoutingRulesSet(2, empty, T0));
        fixture.given(INITIALISED, new RoutingRulesSet(2, empty, T0)).when(new RemoveModel("fast", T0))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void replayingTheEventsRebuildsTheSameCatalog() {
        List<RoutingPolicyEvent> history = List.of(INITIALISED, new RoutingRulesSet(2, RULES, T0));
        Catalog once = Catalog.replay(history);
        Catalog again = Catalog.replay(history);
        assertThat(again.version()).isEqualTo(once.version()).isEqualTo(2);
        assertThat(again.models()).containsExactlyElementsOf(once.models());
    }
}
