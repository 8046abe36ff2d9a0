package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.switchgear.application.port.in.identity.Caller;
import dev.switchgear.application.port.in.routing.ExplainUseCase;
import dev.switchgear.application.port.in.routing.ManageRoutingUseCase;
import dev.switchgear.application.port.in.routing.PowerLevelUseCase;
import dev.switchgear.application.port.out.keyring.ProviderKeyVerifier.KeyCheck;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.routing.api.Capability;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.routing.api.PowerLevel;
import dev.switchgear.domain.routing.api.ProviderDefinition;
import dev.switchgear.domain.routing.api.RoutingRules;
import dev.switchgear.domain.routing.api.RoutingTrace;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Routing over REST (snake_case JSON): providers with health, the catalog's models and the routing
 * rules (the administrator changes them, each change a new catalog version), the connectivity test,
 * an account's power level, and the explanation of a charged request's routing.
 */
@RestController
public class RoutingController {

    private final ManageRoutingUseCase routing;
    private final PowerLevelUseCase powerLevels;
    private final ExplainUseCase explain;
    private final ObjectMapper json;

    public RoutingController(ManageRoutingUseCase routing, PowerLevelUseCase powerLevels, ExplainUseCase explain,
                             ObjectMapper json) {
        this.routing = routing;
        this.powerLevels = powerLevels;
        this.explain = explain;
        this.json = json;
    }

    @GetMapping("/api/v1/llm/providers")
    Map<String, Object> providers() {
        return Map.of("catalog_version", routing.catalogVersion(), "providers", routing.providers().stream()
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

    @PostMapping("/api/v1/llm/providers")
    Map<String, Object> defineProvider(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                       @RequestBody(required = false) byte[] body) {
        JsonNode p = object(body);
        long version = routing.defineProvider(caller, new ProviderDefinition(text(p, "id", true), text(p, "name", false),
                text(p, "type", false), JsonFields.bool(p, "local").orElse(false)));
        return Map.of("catalog_version", version);
    }

    @DeleteMapping("/api/v1/llm/providers/{id}")
    Map<String, Object> removeProvider(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                       @PathVariable String id) {
        return Map.of("catalog_version", routing.removeProvider(caller, id));
    }

    /** The catalog's models in full (prices, context, tier, capabilities, quality, use cases). */
    @GetMapping("/api/v1/llm/catalog/models")
    Map<String, Object> catalog() {
        return Map.of("catalog_version", routing.catalogVersion(),
                "models", routing.models().stream().map(ModelView::of).toList());
    }

    @PostMapping("/api/v1/llm/models")
    Map<String, Object> defineModel(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                    @RequestBody(required = false) byte[] body) {
        JsonNode m = object(body);
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        for (String c : strings(m, "capabilities")) {
            try {
                capabilities.add(Capability.valueOf(c.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("capabilities are tools, json and vision", "capabilities");
            }
        }
        Set<String> useCases = new LinkedHashSet<>(strings(m, "use_cases"));
        Tier tier;
        try {
            tier = Tier.fromCode(JsonFields.text(m, "min_tier").orElse("free"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage(), "min_tier");
        }
        CatalogModel model = new CatalogModel(text(m, "id", true), text(m, "provider", true),
                text(m, "upstream_model", false), number(m, "input_per_1k"), number(m, "output_per_1k"),
                integer(m, "context_tokens"), integer(m, "default_max_output_tokens"), tier, capabilities,
                integer(m, "quality"), useCases);
        return Map.of("catalog_version", routing.defineModel(caller, model));
    }

    @DeleteMapping("/api/v1/llm/models")
    Map<String, Object> removeModel(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                    @RequestParam String id) {
        return Map.of("catalog_version", routing.removeModel(caller, id));
    }

    @GetMapping("/api/v1/llm/routing/rules")
    RulesView rules() {
        return RulesView.of(routing.catalogVersion(), routing.rules());
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
        RoutingRules rules = RulesParser.whole(object(body));
        long version = routing.setRules(caller, rules);
        return RulesView.of(version, routing.rules());
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
        JsonNode current = json.valueToTree(RulesView.of(routing.catalogVersion(), routing.rules()));
        JsonNode patched = RulesParser.mergePatch(current, patch);
        long version = routing.setRules(caller, RulesParser.whole(patched));
        return RulesView.of(version, routing.rules());
    }

    @PostMapping("/api/v1/llm/test")
    Map<String, Object> test(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                             @RequestBody(required = false) byte[] body) {
        String provider = text(object(body), "provider", true);
        KeyCheck check = routing.test(caller, provider);
        return Map.of("provider", provider, "status", check.status().code(), "latency_ms", check.latencyMillis(),
                "detail", check.detail());
    }

    @GetMapping("/api/v1/llm/users/{accountId}/power-level")
    Map<String, Object> powerLevel(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                   @PathVariable String accountId) {
        AccountId account = account(accountId);
        PowerLevel level = powerLevels.powerLevel(caller, account);
        return Map.of("user_id", accountId, "power_level", level.code(),
                "multiplier", level.multiplierBasisPoints() / 10_000.0);
    }

    @PutMapping("/api/v1/llm/users/{accountId}/power-level")
    Map<String, Object> choosePowerLevel(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                         @PathVariable String accountId, @RequestBody(required = false) byte[] body) {
        AccountId account = account(accountId);
        PowerLevel level = PowerLevel.fromCode(text(object(body), "power_level", true))
                .orElseThrow(() -> new BadRequestException("power_level is eco, balanced or precision", "power_level"));
        powerLevels.choosePowerLevel(caller, account, level);
        return powerLevel(caller, accountId);
    }

    @GetMapping("/api/v1/llm/users/{accountId}/byok")
    Map<String, Object> byokPreference(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                       @PathVariable String accountId) {
        return Map.of("user_id", accountId, "prefer_byok", powerLevels.prefersByok(caller, account(accountId)));
    }

    @PutMapping("/api/v1/llm/users/{accountId}/byok")
    Map<String, Object> setByokPreference(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                          @PathVariable String accountId, @RequestBody(required = false) byte[] body) {
        JsonNode prefer = object(body).get("prefer_byok");
        if (prefer == null || !prefer.isBoolean()) {
            throw new BadRequestException("`prefer_byok` must be true or false", "prefer_byok");
        }
        powerLevels.setByokPreference(caller, account(accountId), prefer.asBoolean());
        return byokPreference(caller, accountId);
    }

    @GetMapping("/api/v1/llm/requests/{requestId}/explain")
    ResponseEntity<Object> explain(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                   @PathVariable String requestId) {
        RequestId id;
        try {
            id = new RequestId(requestId);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("not a request id", null);
        }
        return explain.explain(caller, id).<ResponseEntity<Object>>map(r -> ResponseEntity.ok(ExplainView.of(r)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                        .body(OpenAiError.of(
                        "No charged request " + requestId + " is known for this key (it may not be projected yet)",
                        "invalid_request_error", "request_not_found")));
    }

    private static AccountId account(String raw) {
        try {
            return new AccountId(raw);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("not an account id", null);
        }
    }

    private JsonNode object(byte[] body) {
        return JsonBodies.object(json, body);
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            if (required) {
                throw new BadRequestException("`" + field + "` is required", field);
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new BadRequestException("`" + field + "` must be a string", field);
        }
        return value.asText();
    }

    /** A required whole number that fits a long; whether its value makes sense is the catalog's to say. */
    private static long number(JsonNode node, String field) {
        return JsonFields.requiredInteger(node, field, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private static int integer(JsonNode node, String field) {
        return (int) JsonFields.requiredInteger(node, field, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private static List<String> strings(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new BadRequestException("`" + field + "` must be an array of strings", field);
        }
        List<String> strings = new java.util.ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw new BadRequestException("`" + field + "` must be an array of strings", field);
            }
            strings.add(element.textValue());
        }
        return strings;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ModelView(String id, String provider, String upstreamModel, long inputPer1k, long outputPer1k,
                     int contextTokens, int defaultMaxOutputTokens, String minTier, List<String> capabilities,
                     int quality, List<String> useCases) {
        static ModelView of(CatalogModel m) {
            return new ModelView(m.id(), m.provider(), m.upstreamModel(), m.inputPer1k(), m.outputPer1k(),
                    m.contextTokens(), m.defaultMaxOutputTokens(), m.minTier().code(),
                    m.capabilities().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).sorted().toList(),
                    m.quality(), m.useCases().stream().sorted().toList());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RulesView(long catalogVersion, Map<String, List<String>> chains, Map<String, Integer> qualityFloors,
                     int maxAttempts) {
        static RulesView of(long version, RoutingRules rules) {
            Map<String, Integer> floors = new LinkedHashMap<>();
            for (PowerLevel level : PowerLevel.values()) {
                floors.put(level.code(), rules.qualityFloor(level));
            }
            return new RulesView(version, new java.util.TreeMap<>(rules.chains()), floors, rules.maxAttempts());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ExplainView(String requestId, String model, String provider, boolean byok, long inputTokens,
                       long outputTokens, String cost, String charged, double multiplier, String chargedAt,
                       TraceView routing) {
        static ExplainView of(UsageRecord r) {
            return new ExplainView(r.requestId().value(), r.model(), r.provider(), r.byok(), r.inputTokens(),
                    r.outputTokens(), r.cost().toCredits().toPlainString(), r.charged().toCredits().toPlainString(),
                    r.multiplierBasisPoints() / 10_000.0, r.chargedAt().toString(),
                    r.routing() == null ? null : TraceView.of(r.routing()));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TraceView(String requested, String powerLevel, long catalogVersion, String chain, List<String> candidates,
                     List<SkipView> skipped, List<AttemptView> attempts) {
        static TraceView of(RoutingTrace t) {
            return new TraceView(t.requested(), t.powerLevel(), t.catalogVersion(), t.chain(), t.candidates(),
                    t.skipped().stream().map(s -> new SkipView(s.model(), s.code(), s.reason())).toList(),
                    t.attempts().stream().map(a -> new AttemptView(a.model(), a.provider(), a.byok(), a.outcome(),
                            a.latencyMillis())).toList());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SkipView(String model, String code, String reason) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AttemptView(String model, String provider, boolean byok, String outcome, long latencyMs) {
    }
}
