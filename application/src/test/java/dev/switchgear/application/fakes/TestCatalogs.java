package dev.switchgear.application.fakes;

import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.routing.Catalog;
import dev.switchgear.domain.routing.api.Capability;
import dev.switchgear.domain.routing.api.CatalogInitialised;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.routing.api.ProviderDefinition;
import dev.switchgear.domain.routing.api.RoutingRules;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small catalogs for service tests, built the way the policy builds them: from its first event. */
public final class TestCatalogs {

    private TestCatalogs() {
    }

    /** A model on the Free tier with every capability, a 128K context, and quality 60. */
    public static CatalogModel model(String id, String provider, String upstream, long inPer1k, long outPer1k,
                                     int defaultMaxOutput) {
        return new CatalogModel(id, provider, upstream, inPer1k, outPer1k, 128_000, defaultMaxOutput, Tier.FREE,
                EnumSet.allOf(Capability.class), 60, Set.of("chat"));
    }

    public static Catalog of(List<CatalogModel> models, Map<String, List<String>> chains, int maxAttempts) {
        Set<String> providers = new LinkedHashSet<>();
        models.forEach(m -> providers.add(m.provider()));
        return Catalog.EMPTY.apply(new CatalogInitialised(1,
                providers.stream().map(p -> new ProviderDefinition(p, p, "openai", false)).toList(), models,
                new RoutingRules(chains, Map.of(), maxAttempts), Instant.parse("2026-01-01T00:00:00Z")));
    }

    public static Catalog of(CatalogModel... models) {
        return of(List.of(models), Map.of(), 3);
    }
}
