package dev.switchgear.adapter.rest;

import dev.switchgear.application.port.in.routing.SearchCatalogUseCase;
import dev.switchgear.application.port.in.routing.SearchCatalogUseCase.ModelFacts;
import dev.switchgear.application.port.in.routing.SearchCatalogUseCase.ModelPage;
import dev.switchgear.application.port.in.routing.SearchCatalogUseCase.ModelQuery;
import dev.switchgear.application.port.in.routing.SearchCatalogUseCase.ModelSort;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.routing.api.Capability;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.Tier;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The catalog endpoint's search parameters read, checked (a 400 naming the parameter) and answered. */
final class CatalogSearchParameters {

    private static final Set<String> KNOWN = Set.of("q", "provider", "tier", "use_case", "capability", "min_context",
            "max_price_per_1k", "sort", "limit", "cursor");

    private CatalogSearchParameters() {
    }

    static Map<String, Object> search(SearchCatalogUseCase search, Caller caller, long version,
                                      Map<String, String> p) {
        for (String name : p.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new BadRequestException("unknown parameter `" + name + "`; known: " + String.join(", ",
                        KNOWN.stream().sorted().toList()), name);
            }
        }
        ModelQuery query = new ModelQuery(text(p, "q", 200), text(p, "provider", 100), text(p, "tier", 20)
                .map(CatalogSearchParameters::tier), text(p, "use_case", 100), text(p, "capability", 20)
                .map(CatalogSearchParameters::capability), text(p, "min_context", 12)
                .map(v -> QueryParameters.whole(v, "min_context", 0, Integer.MAX_VALUE)), text(p, "max_price_per_1k", 40)
                .map(CatalogSearchParameters::price), sort(p.get("sort")), text(p, "limit", 6)
                .map(v -> QueryParameters.whole(v, "limit", 1, ModelQuery.MAX_FIRST)).orElse(20), text(p, "cursor", 300));
        ModelPage page;
        try {
            page = search.search(caller, query);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage().replace("`after`", "`cursor`"), "cursor");
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("catalog_version", version);
        view.put("total", page.totalCount());
        view.put("models", page.models().stream().map(CatalogSearchParameters::model).toList());
        view.put("next_cursor", page.hasNextPage() && !page.models().isEmpty()
                ? page.models().get(page.models().size() - 1).cursor() : null);
        return view;
    }

    private static Map<String, Object> model(ModelFacts facts) {
        Map<String, Object> view = new LinkedHashMap<>();
        RoutingViews.ModelView m = RoutingViews.ModelView.of(facts.model());
        view.put("id", m.id());
        view.put("provider", m.provider());
        view.put("upstream_model", m.upstreamModel());
        view.put("input_per_1k", m.inputPer1k());
        view.put("output_per_1k", m.outputPer1k());
        view.put("context_tokens", m.contextTokens());
        view.put("default_max_output_tokens", m.defaultMaxOutputTokens());
        view.put("min_tier", m.minTier());
        view.put("capabilities", m.capabilities());
        view.put("quality", m.quality());
        view.put("use_cases", m.useCases());
        view.put("available_to_me", facts.availableToMe());
        var observed = facts.health().filter(h -> h.samples() > 0);
        view.put("latency_p50_ms", observed.map(h -> h.p50Millis()).orElse(null));
        view.put("latency_p95_ms", observed.map(h -> h.p95Millis()).orElse(null));
        view.put("success_rate", observed.map(h -> h.successRate()).orElse(null));
        view.put("requests_30d", facts.requests30d());
        view.put("cursor", facts.cursor());
        return view;
    }

    private static Optional<String> text(Map<String, String> p, String name, int maxLength) {
        String value = p.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (value.length() > maxLength) {
            throw new BadRequestException("`" + name + "` is at most " + maxLength + " characters", name);
        }
        return Optional.of(value.strip());
    }

    private static ModelSort sort(String raw) {
        if (raw == null || raw.isBlank()) {
            return ModelSort.COST;
        }
        try {
            return ModelSort.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("`sort` is cost, latency, quality or popularity", "sort");
        }
    }

    private static Tier tier(String raw) {
        try {
            return Tier.fromCode(raw);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("`tier` is free, starter, professional or enterprise", "tier");
        }
    }

    private static Capability capability(String raw) {
        try {
            return Capability.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("`capability` is tools, json or vision", "capability");
        }
    }

    private static long price(String raw) {
        try {
            MicroCredits price = MicroCredits.ofCredits(new BigDecimal(raw));
            if (!price.isNegative()) {
                return price.value();
            }
        } catch (IllegalArgumentException | ArithmeticException unreadable) {
            // refused below
        }
        throw new BadRequestException("`max_price_per_1k` is a non-negative number of credits with at most six "
                + "decimal places", "max_price_per_1k");
    }
}
