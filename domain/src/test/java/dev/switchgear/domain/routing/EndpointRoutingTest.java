package dev.switchgear.domain.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.domain.routing.api.CatalogInitialised;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.routing.api.Endpoint;
import dev.switchgear.domain.routing.api.ModelDefined;
import dev.switchgear.domain.routing.api.ProviderDefinition;
import dev.switchgear.domain.routing.api.RoutingRules;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.shared.Tier;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a model serves decides which requests may route to it (ADR 0022). */
class EndpointRoutingTest {

    private static final CatalogModel CHAT = model("chat", 1_000, Set.of(Endpoint.CHAT), 90);
    private static final CatalogModel INSTRUCT = model("instruct", 1_000, EnumSet.of(Endpoint.CHAT,
            Endpoint.COMPLETIONS), 60);
    private static final CatalogModel EMBED = model("embed", 0, Set.of(Endpoint.EMBEDDINGS), 70);
    private static final Catalog CATALOG = Catalog.EMPTY.apply(new CatalogInitialised(1, List.of(
            new ProviderDefinition("p", "P", "openai", false)), List.of(CHAT, INSTRUCT, EMBED),
            new RoutingRules(Map.of("mixed", List.of("embed", "chat", "instruct")), Map.of(PowerLevel.ECO, 0,
                    PowerLevel.BALANCED, 0, PowerLevel.PRECISION, 0), 3), Instant.EPOCH));
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

    private static CatalogModel model(String id, int maxOut, Set<Endpoint> endpoints, int quality) {
        return new CatalogModel(id, "p", id, 1_000, maxOut == 0 ? 0 : 2_000, 8_000, maxOut, Tier.FREE, Set.of(),
                quality, Set.of(), endpoints);
    }

    private static Router.Decision route(String model, Endpoint endpoint) {
        return Router.route(CATALOG, new Router.Request(model, Tier.FREE, PowerLevel.PRECISION, 10, 0, Set.of(),
                Set.of("p"), Set.of(), false, endpoint), HEALTHY);
    }

    private static List<String> ids(Router.Decision decision) {
        return decision.candidates().stream().map(CatalogModel::id).toList();
    }

    @Test
    void aRankedChatRequestNeverSeesAModelThatOnlyEmbeds() {
        Router.Decision decision = route("auto", Endpoint.CHAT);
        assertThat(ids(decision)).containsExactly("chat", "instruct");
        assertThat(decision.skipped()).as("not a candidate at all, so no skip to explain").isEmpty();
    }

    @Test
    void aRankedLegacyCompletionGetsOnlyModelsServingIt() {
        assertThat(ids(route("auto", Endpoint.COMPLETIONS))).containsExactly("instruct");
    }

    @Test
    void aChainSkipsMembersThatDoNotServeTheEndpointSayingWhy() {
        Router.Decision decision = route("mixed", Endpoint.CHAT);
        assertThat(ids(decision)).containsExactly("chat", "instruct");
        assertThat(decision.skipped()).singleElement().satisfies(skip -> {
            assertThat(skip.model()).isEqualTo("embed");
            assertThat(skip.code()).isEqualTo(Router.ENDPOINT);
            assertThat(skip.reason()).contains("chat.completions");
        });
    }

    @Test
    void aNamedEmbeddingModelServesEmbeddingsAndNothingElse() {
        assertThat(ids(route("embed", Endpoint.EMBEDDINGS))).containsExactly("embed");
        assertThat(ids(route("embed", Endpoint.CHAT))).isEmpty();
        assertThat(ids(route("chat", Endpoint.EMBEDDINGS))).isEmpty();
    }

    @Test
    void aRequestThatSaysNoEndpointIsChat() {
        Router.Request old = new Router.Request("auto", Tier.FREE, PowerLevel.ECO, 10, 0, Set.of(), Set.of("p"),
                Set.of(), false);
        assertThat(old.endpoint()).isEqualTo(Endpoint.CHAT);
    }

    @Test
    void aModelWithoutEndpointsServesChatAsEveryModelDidBefore() {
        CatalogModel old = new CatalogModel("old", "p", "old", 1, 1, 100, 10, Tier.FREE, null, 1, null);
        assertThat(old.endpoints()).containsExactly(Endpoint.CHAT);
        assertThat(old.endpointNames()).containsExactly("chat.completions", "responses", "messages");
        assertThat(new CatalogModel("e", "p", "e", 1, 1, 100, 10, Tier.FREE, null, 1, null, Set.of()).endpoints())
                .containsExactly(Endpoint.CHAT);
        assertThat(INSTRUCT.endpointNames()).containsExactly("chat.completions", "responses", "messages", "completions");
    }

    @Test
    void onlyAModelThatServesNothingButEmbeddingsMayHaveNoOutputCap() {
        CatalogModel chatWithoutCap = model("nocap", 0, Set.of(Endpoint.CHAT), 50);
        assertThatThrownBy(() -> CATALOG.checkModel(chatWithoutCap))
                .isInstanceOf(RoutingException.class).hasMessageContaining("output cap");
        CatalogModel mixedWithoutCap = model("mixed-nocap", 0, EnumSet.of(Endpoint.CHAT, Endpoint.EMBEDDINGS), 50);
        assertThatThrownBy(() -> CATALOG.checkModel(mixedWithoutCap)).isInstanceOf(RoutingException.class);
        CatalogModel embedding = model("embed-2", 0, Set.of(Endpoint.EMBEDDINGS), 50);
        CATALOG.checkModel(embedding);
        assertThat(CATALOG.apply(new ModelDefined(2, embedding, Instant.EPOCH)).model("embed-2")).isPresent();
    }

    @Test
    void endpointNamesAreReadInEveryFormAnAdminMayWriteThem() {
        assertThat(Endpoint.fromName("messages")).contains(Endpoint.CHAT);
        assertThat(Endpoint.fromName("Chat.Completions")).contains(Endpoint.CHAT);
        assertThat(Endpoint.fromName("responses")).contains(Endpoint.CHAT);
        assertThat(Endpoint.fromName("completions")).contains(Endpoint.COMPLETIONS);
        assertThat(Endpoint.fromName("embeddings")).contains(Endpoint.EMBEDDINGS);
        assertThat(Endpoint.fromName("images")).isEmpty();
    }
}
