package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.simulator.Simulator;
import dev.switchgear.application.service.routing.CurrentCatalog;
import dev.switchgear.domain.routing.Catalog;
import dev.switchgear.domain.routing.api.PolicyIds;
import dev.switchgear.domain.routing.api.RoutingPolicyEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Routing end to end with two simulator providers: power levels choose the model and scale the
 * charge, tiers are never crossed, a stopped provider is fallen back from within one retry, its
 * circuit opens and the health endpoint shows it down, the active probe brings it back, every
 * decision is explained, and replaying the policy's events rebuilds the same catalog.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RoutingEndToEndTest {

    static Simulator simA = Simulator.start(new Simulator.Settings(0, Duration.ZERO, 0, Optional.empty()));
    static final Simulator SIM_B = Simulator.start(new Simulator.Settings(0, Duration.ZERO, 0, Optional.empty()));
    static final int PORT_A = simA.baseUrl().getPort();
    static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "routing");
        registry.add("switchgear.providers.sim-a.base-url", () -> simA.baseUrl().toString());
        registry.add("switchgear.providers.sim-a.keyless", () -> "true");
        registry.add("switchgear.providers.sim-b.base-url", () -> SIM_B.baseUrl().toString());
        registry.add("switchgear.providers.sim-b.keyless", () -> "true");
        // the scheduled probe stays out of the way; the test probes through the admin endpoint instead
        registry.add("switchgear.routing.probe-interval", () -> "1h");
        registry.add("switchgear.routing.circuit-open-for", () -> "10m");
    }

    @AfterAll
    static void stop() {
        simA.close();
        SIM_B.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    CurrentCatalog routing;
    @Autowired
    EventStore eventStore;


    @Test
    void powerLevelsTiersFallbackHealthAndExplanations() throws Exception {
        GatewayClient gateway = new GatewayClient(port);
        String admin = GatewayClient.ADMIN_KEY;
        call("POST", "/api/v1/llm/providers", admin, "{\"id\":\"sim-a\",\"name\":\"Simulator A\"}", 200);
        call("POST", "/api/v1/llm/providers", admin, "{\"id\":\"sim-b\",\"name\":\"Simulator B\"}", 200);
        call("POST", "/api/v1/llm/models", admin, model("a-cheap", "sim-a", 100_000, 200_000, "free", 60), 200);
        call("POST", "/api/v1/llm/models", admin, model("b-best", "sim-b", 1_000_000, 2_000_000, "free", 90), 200);
        long version = call("POST", "/api/v1/llm/models", admin,
                model("b-pro", "sim-b", 3_000_000, 6_000_000, "professional", 99), 200).path("catalog_version").asLong();
        ObjectNode rules = (ObjectNode) call("GET", "/api/v1/llm/routing/rules", admin, null, 200);
        ((ObjectNode) rules.get("chains")).set("duo", JSON.createArrayNode().add("a-cheap").add("b-best"));
        JsonNode newRules = call("PUT", "/api/v1/llm/routing/rules", admin, rules.toString(), 200);
        assertThat(newRules.path("catalog_version").asLong()).isEqualTo(version + 1);
        call("PUT", "/api/v1/llm/routing/rules", "sg-not-admin", rules.toString(), 401);

        String account = gateway.openAccount("Router user", "free");
        String key = gateway.issueKey(account);
        gateway.grant(account, "1000");
        // More than the free tier's 10 requests a minute follow (ADR 0017): the admin raises this account's.
        call("PUT", "/api/v1/admin/accounts/" + account + "/rate-limits", admin,
                "{\"requests_per_minute\":1000,\"tokens_per_minute\":1000000}", 200);

        // Eco picks the cheapest eligible model, Precision the best the tier allows; the charge scales.
        HttpResponse<String> eco = chat(key, "eco", Map.of());
        HttpResponse<String> precision = chat(key, "precision", Map.of());
        assertThat(eco.headers().firstValue("X-Switchgear-Model")).contains("a-cheap");
        assertThat(precision.headers().firstValue("X-Switchgear-Model")).contains("b-best");
        assertThat(charged(eco)).isEqualTo(cost(eco, 100_000, 200_000, 1_000));
        assertThat(charged(precision)).isEqualTo(cost(precision, 1_000_000, 2_000_000, 10_000));

        // The account's level drives `auto`; X-Power-Level overrides it for one request.
        call("PUT", "/api/v1/llm/users/" + account + "/power-level", key, "{\"power_level\":\"eco\"}", 200);
        assertThat(chat(key, "auto", Map.of()).headers().firstValue("X-Switchgear-Model")).contains("a-cheap");
        assertThat(chat(key, "auto", Map.of("X-Power-Level", "precision")).headers()
                .firstValue("X-Switchgear-Model")).contains("b-best");
        call("PUT", "/api/v1/llm/users/" + account + "/power-level", key, "{\"power_level\":\"precision\"}", 200);
        assertThat(call("GET", "/api/v1/llm/users/" + account + "/power-level", key, null, 200)
                .path("power_level").asText()).isEqualTo("precision");
        HttpResponse<String> auto = chat(key, "auto", Map.of());
        assertThat(auto.headers().firstValue("X-Switchgear-Model")).contains("b-best");
        assertThat(charged(auto)).isEqualTo(cost(auto, 1_000_000, 2_000_000, 10_000));

        // A Free account never reaches a higher tier's model, asked for by name or by level.
        assertThat(chat(key, "b-pro", Map.of()).statusCode()).isEqualTo(403);
        JsonNode explained = explain(key, requestId(auto));
        assertThat(explained.at("/routing/skipped").toString()).contains("b-pro", "needs the professional tier");
        assertThat(explained.at("/routing/catalog_version").asLong()).isEqualTo(version + 1);
        assertThat(explained.at("/routing/power_level").asText()).isEqualTo("precision");
        assertThat(explained.path("multiplier").asDouble()).isEqualTo(1.0);

        // Stop the chain's first provider under load: every request still succeeds, through the next one.
        simA.close();
        List<HttpResponse<String>> replies = concurrently(key, "duo", 40);
        assertThat(replies).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Switchgear-Model")).contains("b-best");
        });
        assertThat(replies).anySatisfy(r -> {
            JsonNode attempts = explain(key, requestId(r)).at("/routing/attempts");
            assertThat(attempts).hasSize(2);
            assertThat(attempts.get(0).path("model").asText()).isEqualTo("a-cheap");
            assertThat(attempts.get(0).path("outcome").asText()).startsWith("unavailable");
            assertThat(attempts.get(1).path("outcome").asText()).isEqualTo("ok");
        });
        // Its circuit is open: the next request skips it outright, and the health endpoint shows it down.
        HttpResponse<String> afterOpen = chat(key, "duo", Map.of());
        assertThat(explain(key, requestId(afterOpen)).at("/routing/skipped").toString())
                .contains("a-cheap", "unhealthy");
        assertThat(providerStatus(key, "sim-a")).isEqualTo("down");
        assertThat(providerStatus(key, "sim-b")).isEqualTo("up");

        // While it is down a probe confirms it; it comes back on the same port: the probe finds it and
        // traffic returns (the same probe the schedule runs every switchgear.routing.probe-interval).
        JsonNode downProbe = call("POST", "/api/v1/llm/test", admin, "{\"provider\":\"sim-a\"}", 200);
        assertThat(downProbe.path("status").asText()).isEqualTo("unreachable");
        assertThat(providerStatus(key, "sim-a")).isEqualTo("down");
        simA = Simulator.start(new Simulator.Settings(PORT_A, Duration.ZERO, 0, Optional.empty()));
        JsonNode upProbe = call("POST", "/api/v1/llm/test", admin, "{\"provider\":\"sim-a\"}", 200);
        assertThat(upProbe.path("status").asText()).isEqualTo("valid");
        assertThat(providerStatus(key, "sim-a")).isEqualTo("up");
        assertThat(chat(key, "duo", Map.of()).headers().firstValue("X-Switchgear-Model")).contains("a-cheap");

        // Replaying the policy's events rebuilds the catalog the gateway routes with.
        List<RoutingPolicyEvent> history = new ArrayList<>();
        eventStore.readEvents(PolicyIds.PLATFORM).forEachRemaining(m -> history.add((RoutingPolicyEvent) m.getPayload()));
        Catalog replayed = Catalog.replay(history);
        assertThat(replayed.version()).isEqualTo(routing.get().version()).isEqualTo(version + 1);
        assertThat(replayed.models()).containsExactlyElementsOf(routing.get().models());
        assertThat(replayed.rules()).isEqualTo(routing.get().rules());
    }

    private static String model(String id, String provider, long in, long out, String tier, int quality) {
        return "{\"id\":\"" + id + "\",\"provider\":\"" + provider + "\",\"upstream_model\":\"sim-echo\","
                + "\"input_per_1k\":" + in + ",\"output_per_1k\":" + out + ",\"context_tokens\":100000,"
                + "\"default_max_output_tokens\":256,\"min_tier\":\"" + tier + "\",\"capabilities\":[\"tools\",\"json\"],"
                + "\"quality\":" + quality + ",\"use_cases\":[\"chat\"]}";
    }

    private HttpResponse<String> chat(String key, String model, Map<String, String> headers) throws Exception {
        return raw("POST", "/v1/chat/completions", key, "{\"model\":\"" + model + "\",\"max_tokens\":16,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"route me somewhere good\"}]}", headers);
    }

    private List<HttpResponse<String>> concurrently(String key, String model, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(() -> chat(key, model, Map.of()));
            }
            List<HttpResponse<String>> replies = new ArrayList<>();
            for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
                replies.add(f.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long charged(HttpResponse<String> reply) {
        return new java.math.BigDecimal(reply.headers().firstValue("X-Switchgear-Charged-Credits").orElseThrow())
                .movePointRight(6).longValueExact();
    }

    /** The charge for a reply's usage at a price and multiplier (basis points), rounded up once. */
    private static long cost(HttpResponse<String> reply, long inPer1k, long outPer1k, int multiplierBp) throws Exception {
        JsonNode usage = JSON.readTree(reply.body()).path("usage");
        long numerator = (usage.path("prompt_tokens").asLong() * inPer1k + usage.path("completion_tokens").asLong()
                * outPer1k) * multiplierBp;
        return -Math.floorDiv(-numerator, 10_000_000L);
    }

    private static String requestId(HttpResponse<String> reply) {
        return reply.headers().firstValue("X-Request-Id").orElseThrow();
    }

    private JsonNode explain(String key, String requestId) {
        try {
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                HttpResponse<String> r = raw("GET", "/api/v1/llm/requests/" + requestId + "/explain", key, null,
                        Map.of());
                if (r.statusCode() == 200 || System.nanoTime() > until) {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                    return JSON.readTree(r.body());
                }
                Thread.sleep(50); // the usage projection is eventually consistent
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String providerStatus(String key, String provider) throws Exception {
        for (JsonNode p : call("GET", "/api/v1/llm/providers", key, null, 200).path("providers")) {
            if (p.path("id").asText().equals(provider)) {
                return p.at("/health/status").asText();
            }
        }
        return "absent";
    }

    private JsonNode call(String method, String path, String bearer, String body, int expected) throws Exception {
        HttpResponse<String> response = raw(method, path, bearer, body, Map.of());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private HttpResponse<String> raw(String method, String path, String bearer, String body,
                                     Map<String, String> headers) throws Exception {
        return new GatewayClient(port).send(method, path, bearer, body, headers);
    }
}
