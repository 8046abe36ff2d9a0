package dev.switchgear.bootstrap.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.domain.routing.Catalog;
import dev.switchgear.domain.routing.api.CatalogInitialised;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.routing.api.ModelDefined;
import dev.switchgear.domain.routing.api.ProviderDefinition;
import dev.switchgear.domain.routing.api.RoutingRules;
import dev.switchgear.domain.shared.Tier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Label values come from the catalog only, and follow it when it changes (ADR 0028). */
class ModelLabelsTest {

    private static final Instant AT = Instant.parse("2026-12-02T00:00:00Z");
    private static final ProviderDefinition SIM = new ProviderDefinition("simulator", "Simulator", "openai", true);

    private static CatalogModel model(String id, String upstream) {
        return new CatalogModel(id, "simulator", upstream, 1, 1, 1000, 64, Tier.FREE, Set.of(), 50, Set.of("chat"));
    }

    private final Catalog first = Catalog.replay(List.of(new CatalogInitialised(1, List.of(SIM),
            List.of(model("sim-echo", "sim-echo-upstream")),
            new RoutingRules(Map.of("safe", List.of("sim-echo")), Map.of(), 3), AT)));
    private final AtomicReference<Catalog> current = new AtomicReference<>(first);
    private final ModelLabels labels = new ModelLabels(current::get);

    @Test
    void catalogNamesChainsAndLevelsAreLabelsAndEverythingElseIsOther() {
        assertThat(labels.requested("sim-echo")).isEqualTo("sim-echo");
        assertThat(labels.requested("safe")).isEqualTo("safe");
        assertThat(labels.requested("auto")).isEqualTo("auto");
        assertThat(labels.requested("precision")).isEqualTo("precision");
        assertThat(labels.requested("custom/my-secret-model")).isEqualTo("other");
        assertThat(labels.requested("gpt-made-up-" + System.nanoTime())).isEqualTo("other");
        assertThat(labels.requested(null)).isEqualTo("other");
        assertThat(labels.upstream("sim-echo-upstream")).isEqualTo("sim-echo-upstream");
        assertThat(labels.upstream("sim-echo")).as("a catalog id is not an upstream name").isEqualTo("other");
    }

    @Test
    void aModelAddedToTheCatalogBecomesALabel() {
        assertThat(labels.requested("sim-new")).isEqualTo("other");
        current.set(first.apply(new ModelDefined(2, model("sim-new", "sim-new-upstream"), AT)));
        assertThat(labels.requested("sim-new")).isEqualTo("sim-new");
        assertThat(labels.upstream("sim-new-upstream")).isEqualTo("sim-new-upstream");
    }
}
