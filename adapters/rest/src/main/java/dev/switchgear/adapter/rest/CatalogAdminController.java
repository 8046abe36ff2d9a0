package dev.switchgear.adapter.rest;

import static dev.switchgear.adapter.rest.JsonFields.intNumber;
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
import dev.switchgear.domain.routing.api.Endpoint;
import dev.switchgear.domain.routing.api.ProviderDefinition;
import dev.switchgear.domain.shared.Tier;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
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
                text(p, "type", false), JsonFields.bool(p, "local").orElse(false)));
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
        for (String c : JsonFields.strings(m, "capabilities")) {
            try {
                capabilities.add(Capability.valueOf(c.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("capabilities are tools, json and vision", "capabilities");
            }
        }
        Set<String> useCases = new LinkedHashSet<>(JsonFields.strings(m, "use_cases"));
        Tier tier;
        try {
            tier = Tier.fromCode(JsonFields.text(m, "min_tier").orElse("free"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage(), "min_tier");
        }
        CatalogModel model = new CatalogModel(text(m, "id", true), text(m, "provider", true),
                text(m, "upstream_model", false), number(m, "input_per_1k"), number(m, "output_per_1k"),
                intNumber(m, "context_tokens"), intNumber(m, "default_max_output_tokens"), tier, capabilities,
                intNumber(m, "quality"), useCases, endpoints(m), rate(m, "cached_input_per_1k"), rate(m, "cache_write_5m_per_1k"),
                rate(m, "cache_write_1h_per_1k"), rate(m, "reasoning_per_1k"));
        return Map.of("catalog_version", catalog.defineModel(caller, model));
    }

    /**
     * {@code endpoints}: what the model serves — {@code chat} (or any of its names:
     * {@code chat.completions}, {@code responses}, {@code messages}), {@code completions},
     * {@code embeddings}; absent or empty, chat (ADR 0022).
     */
    private static Set<Endpoint> endpoints(JsonNode m) {
        Set<Endpoint> endpoints = EnumSet.noneOf(Endpoint.class);
        for (String name : JsonFields.strings(m, "endpoints")) {
            endpoints.add(Endpoint.fromName(name).orElseThrow(() -> new BadRequestException(
                    "endpoints are chat (chat.completions, responses, messages), completions and embeddings",
                    "endpoints")));
        }
        return endpoints;
    }

    @DeleteMapping("/api/v1/llm/models")
    Map<String, Object> removeModel(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                    @RequestParam String id) {
        return Map.of("catalog_version", catalog.removeModel(caller, id));
    }

    /**
     * Replaces the routing rules as a whole: {@code chains}, {@code quality_floors} and
     * {@code max_attempts} are all required and typed strictly; anything invalid is refused with
     * 400 and changes nothing ({@code catalog_version}, as {@code GET} shows it, may be sent back
     * and is not read).
     */
    @PutMapping("/api/v1/llm/routing/rules")
    RulesView setRules(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                       @RequestBody(required = false) byte[] body) {
        long version = rules.setRules(caller, RulesParser.whole(object(body)));
        return RulesView.of(version, rules.rules());
    }

    /**
     * Changes part of the routing rules as a JSON merge patch (RFC 7386) of the {@code GET}
     * document: a member set to {@code null} is removed (a chain, a quality floor), any other
     * member replaces what was there. The patched rules must be valid as a whole, or nothing changes.
     */
    @PatchMapping("/api/v1/llm/routing/rules")
    RulesView patchRules(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                         @RequestBody(required = false) byte[] body) {
        JsonNode patch = object(body);
        JsonNode current = json.valueToTree(RulesView.of(rules.catalogVersion(), rules.rules()));
        long version = rules.setRules(caller, RulesParser.whole(RulesParser.mergePatch(current, patch)));
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

    /** An optional rate of a price's part (ADR 0023): absent or null leaves the model's default (input or output rate). */
    private static Long rate(JsonNode m, String field) {
        return JsonFields.integer(m, field, 0, Long.MAX_VALUE).orElse(null);
    }

    private JsonNode object(byte[] body) {
        return JsonBodies.object(json, body);
    }
}
