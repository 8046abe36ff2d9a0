package dev.switchgear.adapter.rest;

import static dev.switchgear.adapter.rest.JsonFields.number;
import static dev.switchgear.adapter.rest.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.adapter.rest.RoutingViews.RulesView;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.routing.ManageCatalogUseCase;
import dev.switchgear.application.port.in.routing.ManageRoutingRulesUseCase;
import dev.switchgear.application.port.in.routing.TestProviderUseCase;
import dev.switchgear.application.port.out.keyring.ProviderKeyVerifier.KeyCheck;
import dev.switchgear.domain.routing.api.Capability;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.routing.api.ProviderDefinition;
import dev.switchgear.domain.routing.api.RoutingRules;
import dev.switchgear.domain.shared.Tier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The administrator's changes to the catalog (snake_case JSON): providers, models and the routing
 * rules, each change answered with the new catalog version; and the connectivity test of a
 * provider with the platform's key.
 */
@RestController
public class CatalogAdminController {

    private final ManageCatalogUseCase catalog;
    private final ManageRoutingRulesUseCase rules;
    private final TestProviderUseCase probe;
    private final ObjectMapper json;

    public CatalogAdminController(ManageCatalogUseCase catalog, ManageRoutingRulesUseCase rules,
                                  TestProviderUseCase probe, ObjectMapper json) {
        this.catalog = catalog;
        this.rules = rules;
        this.probe = probe;
        this.json = json;
    }

    @PostMapping("/api/v1/llm/providers")
    Map<String, Object> defineProvider(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                       @RequestBody(required = false) byte[] body) {
        JsonNode p = object(body);
        long version = catalog.defineProvider(caller, new ProviderDefinition(text(p, "id", true), text(p, "name", false),
                text(p, "type", false), p.path("local").asBoolean(false)));
        return Map.of("catalog_version", version);
    }

    @DeleteMapping("/api/v1/llm/providers/{id}")
    Map<String, Object> removeProvider(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                       @PathVariable String id) {
        return Map.of("catalog_version", catalog.removeProvider(caller, id));
    }

    @PostMapping("/api/v1/llm/models")
    Map<String, Object> defineModel(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                    @RequestBody(required = false) byte[] body) {
        JsonNode m = object(body);
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        for (JsonNode c : m.path("capabilities")) {
            try {
                capabilities.add(Capability.valueOf(c.asText().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("capabilities are tools, json and vision", "capabilities");
            }
        }
        Set<String> useCases = new LinkedHashSet<>();
        m.path("use_cases").forEach(u -> useCases.add(u.asText()));
        Tier tier;
        try {
            tier = Tier.fromCode(m.path("min_tier").asText("free"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage(), "min_tier");
        }
        CatalogModel model = new CatalogModel(text(m, "id", true), text(m, "provider", true),
                text(m, "upstream_model", false), number(m, "input_per_1k"), number(m, "output_per_1k"),
                (int) number(m, "context_tokens"), (int) number(m, "default_max_output_tokens"), tier, capabilities,
                (int) number(m, "quality"), useCases);
        return Map.of("catalog_version", catalog.defineModel(caller, model));
    }

    @DeleteMapping("/api/v1/llm/models")
    Map<String, Object> removeModel(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                    @RequestParam String id) {
        return Map.of("catalog_version", catalog.removeModel(caller, id));
    }

    @PutMapping("/api/v1/llm/routing/rules")
    RulesView setRules(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                       @RequestBody(required = false) byte[] body) {
        JsonNode r = object(body);
        Map<String, List<String>> chains = new LinkedHashMap<>();
        r.path("chains").fields().forEachRemaining(e -> {
            if (!e.getValue().isArray()) {
                throw new BadRequestException("each chain is an array of model ids", "chains");
            }
            List<String> members = new ArrayList<>();
            e.getValue().forEach(v -> members.add(v.asText()));
            chains.put(e.getKey(), members);
        });
        Map<PowerLevel, Integer> floors = new LinkedHashMap<>();
        r.path("quality_floors").fields().forEachRemaining(e -> floors.put(PowerLevel.fromCode(e.getKey())
                .orElseThrow(() -> new BadRequestException("quality_floors are keyed eco, balanced, precision",
                        "quality_floors")), e.getValue().asInt()));
        long version = rules.setRules(caller, new RoutingRules(chains, floors, r.path("max_attempts").asInt(3)));
        return RulesView.of(version, rules.rules());
    }

    @PostMapping("/api/v1/llm/test")
    Map<String, Object> test(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                             @RequestBody(required = false) byte[] body) {
        String provider = text(object(body), "provider", true);
        KeyCheck check = probe.test(caller, provider);
        return Map.of("provider", provider, "status", check.status().code(), "latency_ms", check.latencyMillis(),
                "detail", check.detail());
    }

    private JsonNode object(byte[] body) {
        return JsonBodies.object(json, body);
    }
}
