package dev.switchgear.application.service.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.AlwaysHealthy;
import dev.switchgear.application.fakes.InMemoryUsageAnalytics;
import dev.switchgear.application.fakes.TestClock;
import dev.switchgear.application.port.in.routing.ManageCatalogUseCase;
import dev.switchgear.application.port.in.routing.SearchCatalogUseCase.ModelFacts;
import dev.switchgear.application.port.in.routing.SearchCatalogUseCase.ModelPage;
import dev.switchgear.application.port.in.routing.SearchCatalogUseCase.ModelQuery;
import dev.switchgear.application.port.in.routing.SearchCatalogUseCase.ModelSort;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.routing.ModelStatus;
import dev.switchgear.application.port.out.routing.ProviderStatus;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.routing.api.Capability;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.routing.api.ProviderDefinition;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The catalog filtered, sorted and paged, with what the caller may use, observed health and popularity. */
class CatalogSearchServiceTest {

    private static final Instant NOW = Instant.parse("2026-06-15T00:00:00Z");
    private final AccountId alice = AccountId.of(UUID.randomUUID());

    private final List<CatalogModel> models = List.of(
            new CatalogModel("cheap-chat", "acme", "c-1", 100, 200, 8_000, 1_000, Tier.FREE, Set.of(), 40,
                    Set.of("chat")),
            new CatalogModel("mid-code", "beta", "code-2", 1_000, 2_000, 32_000, 1_000, Tier.STARTER,
                    Set.of(Capability.TOOLS), 70, Set.of("code")),
            new CatalogModel("top-vision", "acme", "v-9", 10_000, 30_000, 200_000, 1_000, Tier.ENTERPRISE,
                    Set.of(Capability.VISION, Capability.TOOLS), 95, Set.of("chat", "vision")));
    private final InMemoryUsageAnalytics usage = new InMemoryUsageAnalytics();
    private final ManageCatalogUseCase catalog = new ManageCatalogUseCase() {
        @Override
        public long catalogVersion() {
            return 3;
        }

        @Override
        public List<ProviderView> providers() {
            return List.of(new ProviderView(new ProviderDefinition("acme", "Acme", "openai", false), true,
                            Optional.of(new ProviderStatus("acme", "up", 0.9, 300, 900, 10, Optional.empty(),
                                    Optional.empty(), Optional.empty()))),
                    new ProviderView(new ProviderDefinition("beta", "Beta", "openai", false), true,
                            Optional.of(new ProviderStatus("beta", "up", 1.0, 100, 200, 5, Optional.empty(),
                                    Optional.empty(), Optional.empty()))));
        }

        @Override
        public List<CatalogModel> models() {
            return models;
        }

        @Override
        public long defineProvider(Caller caller, ProviderDefinition provider) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long removeProvider(Caller caller, String providerId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long defineModel(Caller caller, CatalogModel model) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long removeModel(Caller caller, String modelId) {
            throw new UnsupportedOperationException();
        }
    };
    private final java.util.function.Function<Caller, Set<String>> available = caller -> caller.canSee(alice)
            ? Set.of("cheap-chat", "mid-code") : Set.of();
    private final AlwaysHealthy health = new AlwaysHealthy();
    private final CatalogSearchService search = new CatalogSearchService(catalog, available, usage, health,
            new TestClock(NOW));

    /**
     * Each model's own figures, unlike its provider's: acme's cheap-chat is slow and reliable, acme's
     * top-vision fast and failing half its calls; beta's mid-code was never called here.
     */
    @org.junit.jupiter.api.BeforeEach
    void observed() {
        health.observe(new ModelStatus("acme", "cheap-chat", 0.9, 300, 900, 10));
        health.observe(new ModelStatus("acme", "top-vision", 0.5, 50, 80, 4));
    }

    private static ModelQuery query(ModelSort sort, int first, Optional<String> after) {
        return new ModelQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), sort, first, after);
    }

    @Test
    void eachSortOrdersTheModelsItsWay() {
        for (int i = 0; i < 3; i++) {
            usage.on(new UsageCharged(alice, new RequestId("t" + i), "top-vision", "acme", 1, 1, false, 1, 1,
                    MicroCredits.of(1), MicroCredits.of(1), MicroCredits.ZERO, MicroCredits.ZERO,
                    NOW.minusSeconds(86_400 * 2)));
        }
        usage.on(new UsageCharged(alice, new RequestId("m1"), "mid-code", "beta", 1, 1, false, 1, 1,
                MicroCredits.of(1), MicroCredits.of(1), MicroCredits.ZERO, MicroCredits.ZERO,
                NOW.minusSeconds(86_400 * 2)));
        assertThat(ids(search.search(Caller.of(alice), query(ModelSort.COST, 10, Optional.empty()))))
                .containsExactly("cheap-chat", "mid-code", "top-vision");
        assertThat(ids(search.search(Caller.of(alice), query(ModelSort.QUALITY, 10, Optional.empty()))))
                .containsExactly("top-vision", "mid-code", "cheap-chat");
        // by the model's own p50 (the providers' would put beta's mid-code first); unobserved last
        assertThat(ids(search.search(Caller.of(alice), query(ModelSort.LATENCY, 10, Optional.empty()))))
                .containsExactly("top-vision", "cheap-chat", "mid-code");
        ModelPage popular = search.search(Caller.of(alice), query(ModelSort.POPULARITY, 10, Optional.empty()));
        assertThat(ids(popular)).containsExactly("top-vision", "mid-code", "cheap-chat");
        assertThat(popular.models()).extracting(ModelFacts::requests30d).containsExactly(3L, 1L, 0L);
    }

    @Test
    void eachModelShowsItsOwnLatencyAndSuccessNotItsProviders() {
        ModelPage page = search.search(Caller.of(alice), query(ModelSort.QUALITY, 10, Optional.empty()));
        assertThat(page.models().get(0).model().id()).isEqualTo("top-vision");
        assertThat(page.models().get(0).health()).hasValueSatisfying(h -> {
            assertThat(h.p50Millis()).isEqualTo(50);
            assertThat(h.p95Millis()).isEqualTo(80);
            assertThat(h.successRate()).isEqualTo(0.5);
        });
    }

    @Test
    void filtersNarrowTheListing() {
        Caller caller = Caller.of(alice);
        assertThat(ids(search.search(caller, new ModelQuery(Optional.of("V-9"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), null, 10, Optional.empty()))))
                .containsExactly("top-vision");
        assertThat(ids(search.search(caller, new ModelQuery(Optional.empty(), Optional.of("ACME"),
                Optional.of(Tier.STARTER), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                null, 10, Optional.empty())))).containsExactly("cheap-chat");
        assertThat(ids(search.search(caller, new ModelQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("chat"), Optional.of(Capability.TOOLS), Optional.of(100_000), Optional.empty(), null, 10,
                Optional.empty())))).containsExactly("top-vision");
        assertThat(ids(search.search(caller, new ModelQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(3_000L), null, 10,
                Optional.empty())))).containsExactly("cheap-chat", "mid-code");
    }

    @Test
    void pagesFollowTheirCursorsAndSayWhatTheCallerMayUse() {
        ModelPage first = search.search(Caller.of(alice), query(ModelSort.COST, 2, Optional.empty()));
        assertThat(ids(first)).containsExactly("cheap-chat", "mid-code");
        assertThat(first.hasNextPage()).isTrue();
        assertThat(first.hasPreviousPage()).isFalse();
        assertThat(first.totalCount()).isEqualTo(3);
        assertThat(first.models()).extracting(ModelFacts::availableToMe).containsExactly(true, true);
        assertThat(first.models().get(0).health()).hasValueSatisfying(h -> assertThat(h.p95Millis()).isEqualTo(900));
        assertThat(first.models().get(1).health()).as("mid-code was never called here").isEmpty();
        ModelPage second = search.search(Caller.of(alice), query(ModelSort.COST, 2,
                Optional.of(first.models().get(1).cursor())));
        assertThat(ids(second)).containsExactly("top-vision");
        assertThat(second.hasNextPage()).isFalse();
        assertThat(second.hasPreviousPage()).isTrue();
        assertThat(second.models().get(0).availableToMe()).isFalse();
        assertThat(search.search(Caller.of(AccountId.of(UUID.randomUUID())), query(ModelSort.COST, 3,
                Optional.empty())).models()).extracting(ModelFacts::availableToMe).containsOnly(false);
        assertThatThrownBy(() -> search.search(Caller.of(alice), query(ModelSort.COST, 2, Optional.of("not-a-cursor"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> query(ModelSort.COST, 101, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> ids(ModelPage page) {
        return page.models().stream().map(f -> f.model().id()).toList();
    }
}
