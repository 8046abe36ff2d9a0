package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.keyring.ByokProvider;
import dev.switchgear.application.port.in.keyring.ByokStats;
import dev.switchgear.application.port.in.keyring.KeyTestResult;
import dev.switchgear.application.port.in.keyring.ByokStatsUseCase;
import dev.switchgear.application.port.in.keyring.EraseKeyringUseCase;
import dev.switchgear.application.port.in.keyring.ListByokProvidersUseCase;
import dev.switchgear.application.port.in.keyring.ManageProviderKeysUseCase;
import dev.switchgear.application.port.in.keyring.NewProviderKey;
import dev.switchgear.application.port.in.keyring.ProviderKeyView;
import dev.switchgear.application.port.in.keyring.TestProviderKeysUseCase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * BYOK endpoints in the requirements' shapes (snake_case JSON). Every call acts on the calling
 * account's own keyring; keys are shown only masked. The administrator's keyring endpoints are in
 * {@link KeyringAdminController}.
 */
@RestController
public class ByokController {

    private final ListByokProvidersUseCase providers;
    private final ManageProviderKeysUseCase keys;
    private final TestProviderKeysUseCase tests;
    private final ByokStatsUseCase stats;
    private final EraseKeyringUseCase erasure;
    private final ObjectMapper json;

    public ByokController(ListByokProvidersUseCase providers, ManageProviderKeysUseCase keys,
                          TestProviderKeysUseCase tests, ByokStatsUseCase stats, EraseKeyringUseCase erasure,
                          ObjectMapper json) {
        this.providers = providers;
        this.keys = keys;
        this.tests = tests;
        this.stats = stats;
        this.erasure = erasure;
        this.json = json;
    }

    @GetMapping("/api/v1/byok/providers")
    Map<String, List<ProviderView>> providers() {
        return Map.of("providers", providers.providers().stream().map(ProviderView::of).toList());
    }

    @GetMapping("/api/v1/byok/keys")
    Map<String, List<KeyView>> list(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller) {
        return Map.of("keys", keys.keys(caller).stream().map(KeyView::of).toList());
    }

    @PostMapping("/api/v1/byok/keys/add")
    ResponseEntity<KeyView> add(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                @RequestBody(required = false) byte[] body) {
        JsonNode request = object(body);
        String provider = text(request, "provider").orElseThrow(() -> new BadRequestException(
                "`provider` is required", "provider"));
        String apiKey = text(request, "api_key").orElseThrow(() -> new BadRequestException(
                "`api_key` is required", "api_key"));
        ProviderKeyView added = keys.add(caller, new NewProviderKey(provider, apiKey, text(request, "label"),
                text(request, "base_url")));
        return ResponseEntity.status(HttpStatus.CREATED).body(KeyView.of(added));
    }

    @DeleteMapping("/api/v1/byok/keys/{provider}")
    Map<String, Object> delete(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                               @PathVariable String provider, @RequestParam Optional<String> label) {
        int removed = keys.remove(caller, provider, label.filter(l -> !l.isBlank()));
        return Map.of("provider", provider, "deleted", removed);
    }

    @PostMapping("/api/v1/byok/keys/test/{provider}")
    Map<String, List<TestView>> test(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                     @PathVariable String provider, @RequestBody(required = false) byte[] body) {
        JsonNode request = body == null || body.length == 0 ? json.createObjectNode() : object(body);
        List<KeyTestResult> results = tests.test(caller, provider, text(request, "label"), text(request, "api_key"));
        return Map.of("results", results.stream().map(TestView::of).toList());
    }

    @GetMapping("/api/v1/byok/stats")
    StatsView stats(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller) {
        return StatsView.of(stats.stats(caller));
    }

    /** Erases the caller's own keyring and destroys its data key. */
    @DeleteMapping("/api/v1/byok/keys")
    Map<String, Object> eraseOwn(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller) {
        return Map.of("erased", erasure.erase(caller, caller.account()));
    }

    private JsonNode object(byte[] body) {
        return JsonBodies.object(json, body);
    }

    private static Optional<String> text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new BadRequestException("`" + field + "` must be a string", field);
        }
        return Optional.of(value.asText()).filter(s -> !s.isBlank());
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ProviderView(String id, String name, String keyFormat, boolean testable, boolean custom, String keyPattern) {
        static ProviderView of(ByokProvider p) {
            return new ProviderView(p.id(), p.name(), p.keyFormat(), p.testable(), p.custom(), p.keyPattern());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record KeyView(String id, String provider, String label, String maskedKey, String fingerprint, String baseUrl,
                   Instant addedAt, TestView lastTest, boolean needsTest) {
        static KeyView of(ProviderKeyView k) {
            return new KeyView(k.keyId(), k.provider(), k.label(), k.maskedPreview(), k.fingerprint(),
                    k.baseUrl().orElse(null), k.addedAt(), k.lastTest().map(TestView::of).orElse(null), k.needsTest());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TestView(String keyId, String provider, String label, String status, long latencyMs, String detail,
                    Instant testedAt) {
        static TestView of(KeyTestResult t) {
            return new TestView(t.keyId().orElse(null), t.provider(), t.label().orElse(null), t.status(),
                    t.latencyMillis(), t.detail(), t.testedAt());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StatsView(int totalKeys, Map<String, Integer> keysByProvider, int keysNeedingTest, int keysFailing,
                     long byokRequests, long byokInputTokens, long byokOutputTokens, long platformRequests) {
        static StatsView of(ByokStats s) {
            return new StatsView(s.keys(), s.keysByProvider(), s.keysNeedingTest(), s.keysFailing(), s.byokRequests(),
                    s.byokInputTokens(), s.byokOutputTokens(), s.platformRequests());
        }
    }
}
