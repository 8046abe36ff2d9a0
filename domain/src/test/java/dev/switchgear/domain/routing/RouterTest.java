package dev.switchgear.domain.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.routing.api.Capability;
import dev.switchgear.domain.routing.api.CatalogInitialised;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.routing.api.ProviderDefinition;
import dev.switchgear.domain.routing.api.RoutingRules;
import dev.switchgear.domain.routing.api.RoutingTrace;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final Set<Capability> ALL = EnumSet.allOf(Capability.class);
    private static final CatalogModel LOCAL = model("local-small", "local", 0, 0, 8_000, Tier.FREE, ALL, 45);
    private static final CatalogModel CHEAP = model("cheap", "groq", 50_000, 80_000, 128_000, Tier.FREE,
            EnumSet.of(Capability.JSON), 55);
    private static final CatalogModel MID = model("mid", "together", 800_000, 800_000, 128_000, Tier.STARTER, ALL, 75);
    private static final CatalogModel BEST = model("best", "openai", 2_500_000, 10_000_000, 128_000, Tier.ENTERPRISE,
            ALL, 95);
    private static final CatalogModel PRO = model("pro", "openrouter", 1_000_000, 4_000_000, 1_000_000,
            Tier.PROFESSIONAL, ALL, 85);
    private static final Catalog CATALOG = Catalog.EMPTY.apply(new CatalogInitialised(1, List.of(
            new ProviderDefinition("local", "Local", "openai", true),
            new ProviderDefinition("groq", "Groq", "openai", false),
            new ProviderDefinition("together", "Together", "openai", false),
            new ProviderDefinition("openai", "OpenAI", "openai", false),
            new ProviderDefinition("openrouter", "OpenRouter", "openai", false)),
            List.of(LOCAL, CHEAP, MID, BEST, PRO),
            new RoutingRules(Map.of("chat", List.of("best", "mid", "cheap"), "privacy", List.of("cheap", "local-small"),
                    "mid", List.of("cheap")), Map.of(PowerLevel.ECO, 0, PowerLevel.BALANCED, 50,
                    PowerLevel.PRECISION, 80), 3), Instant.EPOCH));
    private static final Set<String> CONNECTED = Set.of("local", "groq", "together", "openai", "openrouter");
    private static final Router.Health HEALTHY = new Router.Health() {
        @Override
        public boolean admits(String provider, String model) {
            return true;
        }

        @Override
        public long latencyMicros(String provider) {
            return 0;
        }
    };

    private static CatalogModel model(String id, String provider, long in, long out, int context, Tier tier,
                                      Set<Capability> caps, int quality) {
        return new CatalogModel(id, provider, id, in, out, context, 1_000, tier, caps, quality, Set.of());
    }

    private static Router.Request request(String model, Tier tier, PowerLevel level) {
        return new Router.Request(model, tier, level, 100, 0, Set.of(), CONNECTED, Set.of(), true);
    }

    private static List<String> ids(Router.Decision decision) {
        return decision.candidates().stream().map(CatalogModel::id).toList();
    }

    @Test
    void ecoPicksTheCheapestEligibleAndPrecisionTheBest() {
        assertThat(ids(Router.route(CATALOG, request("eco", Tier.ENTERPRISE, PowerLevel.BALANCED), HEALTHY)))
                .startsWith("local-small", "cheap");
        assertThat(ids(Router.route(CATALOG, request("precision", Tier.ENTERPRISE, PowerLevel.ECO), HEALTHY)))
                .containsExactly("best", "pro");
        Router.Decision auto = Router.route(CATALOG, request("auto", Tier.ENTERPRISE, PowerLevel.PRECISION), HEALTHY);
        assertThat(auto.level()).isEqualTo(PowerLevel.PRECISION);
        assertThat(ids(auto)).first().isEqualTo("best");
        assertThat(auto.skipped()).extracting(RoutingTrace.Skip::code).containsOnly(Router.QUALITY);
    }

    @Test
    void balancedTradesQualityAgainstCost() {
        // quality less up to 40 points of cost relative to the dearest eligible (best, 12.5M per 1K in+out):
        // mid 75 - 5.12 = 69.88, pro 85 - 16 = 69, best 95 - 40 = 55, cheap 55 - 0.42 = 54.58;
        // local-small (45) is under Balanced's floor of 50
        assertThat(ids(Router.route(CATALOG, request("balanced", Tier.ENTERPRISE, PowerLevel.ECO), HEALTHY)))
                .containsExactly("mid", "pro", "best", "cheap");
    }

    @Test
    void aCallerNeverReachesAModelAboveItsTierUnlessWithItsOwnKey() {
        Router.Decision free = Router.route(CATALOG, request("precision", Tier.FREE, PowerLevel.PRECISION), HEALTHY);
        assertThat(free.candidates()).isEmpty();
        assertThat(free.skipped()).filteredOn(s -> s.model().equals("best")).extracting(RoutingTrace.Skip::code)
                .containsExactly(Router.TIER);
        assertThat(ids(Router.route(CATALOG, request("auto", Tier.FREE, PowerLevel.ECO), HEALTHY)))
                .containsExactly("local-small", "cheap");
        Router.Request ownKey = new Router.Request("best", Tier.STARTER, PowerLevel.BALANCED, 100, 0, Set.of(),
                CONNECTED, Set.of("openai"), true);
        assertThat(ids(Router.route(CATALOG, ownKey, HEALTHY))).containsExactly("best");
    }

    @Test
    void aConcreteModelComesFirstThenItsChainAndAUseCaseChainKeepsItsOrder() {
        assertThat(ids(Router.route(CATALOG, request("mid", Tier.ENTERPRISE, PowerLevel.ECO), HEALTHY)))
                .containsExactly("mid", "cheap");
        Router.Decision chat = Router.route(CATALOG, request("chat", Tier.ENTERPRISE, PowerLevel.ECO), HEALTHY);
        assertThat(chat.chain()).isEqualTo("chat");
        assertThat(ids(chat)).containsExactly("best", "mid", "cheap");
        assertThat(Router.route(CATALOG, request("gpt-17", Tier.ENTERPRISE, PowerLevel.ECO), HEALTHY).known()).isFalse();
    }

    @Test
    void contextCapabilitiesPrivacyConnectionAndHealthEachLeaveModelsOut() {
        Router.Request bigPrompt = new Router.Request("chat", Tier.ENTERPRISE, PowerLevel.ECO, 127_500, 0, Set.of(),
                CONNECTED, Set.of(), true);
        assertThat(ids(Router.route(CATALOG, bigPrompt, HEALTHY))).isEmpty();
        Router.Request tools = new Router.Request("eco", Tier.ENTERPRISE, PowerLevel.ECO, 100, 0,
                Set.of(Capability.TOOLS), CONNECTED, Set.of(), true);
        assertThat(ids(Router.route(CATALOG, tools, HEALTHY))).doesNotContain("cheap").first().isEqualTo("local-small");
        assertThat(ids(Router.route(CATALOG, request("privacy", Tier.ENTERPRISE, PowerLevel.ECO), HEALTHY)))
                .containsExactly("local-small");
        Router.Request unconnected = new Router.Request("chat", Tier.ENTERPRISE, PowerLevel.ECO, 100, 0, Set.of(),
                Set.of("groq"), Set.of(), true);
        Router.Decision d = Router.route(CATALOG, unconnected, HEALTHY);
        assertThat(ids(d)).containsExactly("cheap");
        assertThat(d.skipped()).extracting(RoutingTrace.Skip::code).containsOnly(Router.NOT_CONNECTED);
        Router.Health openaiDown = new Router.Health() {
            @Override
            public boolean admits(String provider, String model) {
                return !provider.equals("openai");
            }

            @Override
            public long latencyMicros(String provider) {
                return 0;
            }
        };
        Router.Decision skipped = Router.route(CATALOG, request("chat", Tier.ENTERPRISE, PowerLevel.ECO), openaiDown);
        assertThat(ids(skipped)).containsExactly("mid", "cheap");
        assertThat(skipped.skipped()).extracting(RoutingTrace.Skip::code).containsExactly(Router.UNHEALTHY);
    }

    @Test
    void callersPreferringTheirOwnKeysGetThoseModelsFirst() {
        Router.Request own = new Router.Request("precision", Tier.ENTERPRISE, PowerLevel.PRECISION, 100, 0, Set.of(),
                CONNECTED, Set.of("openrouter"), true);
        assertThat(ids(Router.route(CATALOG, own, HEALTHY))).containsExactly("pro", "best");
    }

    @Test
    void fasterProvidersBreakTiesAtPrecision() {
        CatalogModel twin = model("best-twin", "openrouter", 2_500_000, 10_000_000, 128_000, Tier.FREE, ALL, 95);
        Catalog withTwin = CATALOG.apply(new dev.switchgear.domain.routing.api.ModelDefined(2, twin, Instant.EPOCH));
        Router.Health openrouterFaster = new Router.Health() {
            @Override
            public boolean admits(String provider, String model) {
                return true;
            }

            @Override
            public long latencyMicros(String provider) {
                return provider.equals("openrouter") ? 200_000 : 900_000;
            }
        };
        assertThat(ids(Router.route(withTwin, request("precision", Tier.ENTERPRISE, PowerLevel.ECO), openrouterFaster)))
                .startsWith("best-twin", "best");
    }
}
