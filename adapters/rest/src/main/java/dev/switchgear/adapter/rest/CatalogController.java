package dev.switchgear.adapter.rest;

import dev.switchgear.adapter.rest.RoutingViews.ModelView;
import dev.switchgear.adapter.rest.RoutingViews.RulesView;
import dev.switchgear.application.port.in.routing.ManageCatalogUseCase;
import dev.switchgear.application.port.in.routing.ManageRoutingRulesUseCase;
import dev.switchgear.application.port.in.routing.SearchCatalogUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalog as every key holder reads it (snake_case JSON): providers with their connection and
 * health, the models in full, and the routing rules. The administrator's changes are in
 * {@link CatalogAdminController}.
 */
@RestController
public class CatalogController {

    private final ManageCatalogUseCase catalog;
    private final ManageRoutingRulesUseCase rules;

    private final SearchCatalogUseCase search;

    public CatalogController(ManageCatalogUseCase catalog, ManageRoutingRulesUseCase rules) {
        this(catalog, rules, null);
    }

    /** @param search the catalog's search (ADR 0024); null answers every listing in full */
    @Autowired
    public CatalogController(ManageCatalogUseCase catalog, ManageRoutingRulesUseCase rules,
                             SearchCatalogUseCase search) {
        this.catalog = catalog;
        this.rules = rules;
        this.search = search;
    }

    @GetMapping("/api/v1/llm/providers")
    Map<String, Object> providers() {
        return Map.of("catalog_version", catalog.catalogVersion(), "providers", catalog.providers().stream()
                .map(p -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("id", p.provider().id());
                    view.put("name", p.provider().name());
                    view.put("type", p.provider().type());
                    view.put("local", p.provider().local());
                    view.put("connected", p.connected());
                    view.put("health", p.health().map(h -> {
                        Map<String, Object> health = new LinkedHashMap<>();
                        health.put("status", h.state());
                        health.put("success_rate", h.successRate());
                        health.put("p50_ms", h.p50Millis());
                        health.put("p95_ms", h.p95Millis());
                        health.put("samples", h.samples());
                        health.put("last_transition", h.lastTransition().map(Object::toString).orElse(null));
                        health.put("last_probe", h.lastProbe().map(Object::toString).orElse(null));
                        health.put("last_probe_detail", h.lastProbeDetail().orElse(null));
                        return health;
                    }).orElse(Map.of("status", p.connected() ? "unknown" : "not_connected")));
                    return view;
                }).toList());
    }

    /**
     * The catalog's models in full (prices, context, tier, capabilities, quality, use cases). With
     * any search parameter — {@code q}, {@code provider}, {@code tier}, {@code use_case},
     * {@code capability}, {@code min_context}, {@code max_price_per_1k} (credits, input plus output),
     * {@code sort} ({@code cost}, {@code latency}, {@code quality}, {@code popularity}), {@code limit}
     * (1–100, 20) or {@code cursor} — a page of the matching models, each also with whether the caller
     * can use it, its provider's observed latency and success rate and its popularity (ADR 0024).
     */
    @GetMapping("/api/v1/llm/catalog/models")
    Map<String, Object> models(@RequestAttribute(value = BearerAuthenticationFilter.CALLER, required = false)
                               Caller caller, @RequestParam Map<String, String> parameters) {
        if (parameters.isEmpty() || search == null || caller == null) {
            return Map.of("catalog_version", catalog.catalogVersion(),
                    "models", catalog.models().stream().map(ModelView::of).toList());
        }
        return CatalogSearchParameters.search(search, caller, catalog.catalogVersion(), parameters);
    }

    @GetMapping("/api/v1/llm/routing/rules")
    RulesView rules() {
        return RulesView.of(rules.catalogVersion(), rules.rules());
    }
}
