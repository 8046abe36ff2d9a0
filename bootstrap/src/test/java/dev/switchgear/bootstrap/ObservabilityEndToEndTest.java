package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /actuator/prometheus} (ADR 0028) over real HTTP: only the administrator reads it; after
 * real completions (plain, streamed, one through a fallback, one for an unknown model, one refused
 * by the rate limit) it shows them by route, model, provider, key source and error type, with the
 * GenAI conventions' names, the gateway's overhead apart, tokens, cost, the ledger's commits,
 * circuit states and processor lag — and no key, prompt or unknown model name in any line.
 * Traces go to a local OTLP/HTTP stand-in: the spans of authentication, the completion, its routing,
 * attempts and charge arrive with the GenAI attributes, and no key, prompt or unknown model name is
 * in any export. (Spring Boot's tests export no metrics or traces unless asked:
 * {@code @AutoConfigureObservability}.)
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class ObservabilityEndToEndTest {

    private static final String PROMPT_CANARY = "prompt-canary-7f3a9c";
    private static final String MODEL_CANARY = "model-canary-b81d2e";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "observability");
        // Port 1 (tcpmux) is below the ephemeral range, so no server a later test starts on a random port
        // can take it (a closed random port was taken once in a full run and answered 404).
        int deadPort = 1;
        // A provider nobody listens for: its attempts fail, and the chain falls back to the simulator.
        registry.add("switchgear.providers.dead.base-url", () -> "http://127.0.0.1:" + deadPort + "/v1");
        registry.add("switchgear.providers.dead.keyless", () -> "true");
        registry.add("switchgear.routing.probe-interval", () -> "1h");
        // traces to the OTLP stand-in below, every request sampled
        registry.add("otel.exporter.otlp.endpoint", () -> "http://127.0.0.1:" + OTLP.getAddress().getPort());
        registry.add("management.tracing.sampling.probability", () -> "1.0");
    }

    /** A local OTLP/HTTP receiver: keeps every export's body (protobuf) as it arrived. */
    static final HttpServer OTLP = otlpStandIn();
    static final List<byte[]> EXPORTS = new CopyOnWriteArrayList<>();

    private static HttpServer otlpStandIn() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/traces", exchange -> {
                try (exchange) {
                    EXPORTS.add(exchange.getRequestBody().readAllBytes());
                    exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                    exchange.sendResponseHeaders(200, 0);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopOtlp() {
        OTLP.stop(0);
    }

    @Test
    void spansReachTheOtlpReceiverWithGenAiAttributesAndNoSecrets() throws Exception {
        EXPORTS.clear();
        GatewayClient gateway = new GatewayClient(port);
        String account = gateway.openAccount("Traced", "enterprise");
        String key = gateway.issueKey(account);
        gateway.grant(account, "10");
        assertThat(gateway.post("/v1/chat/completions", key, chat("sim-echo", false)).status()).isEqualTo(200);
        HttpResponse<String> streamed = gateway.send("POST", "/v1/chat/completions", key, chat("sim-echo", true),
                Map.of());
        assertThat(streamed.body()).contains("[DONE]");
        assertThat(gateway.post("/v1/chat/completions", key, chat(MODEL_CANARY, false)).status()).isEqualTo(404);
        assertThat(gateway.post("/v1/chat/completions", "sg-wrong-" + PROMPT_CANARY, chat("sim-echo", false))
                .status()).isEqualTo(401);

        // the batch processor exports every few seconds: wait for the spans of the completions
        String exported = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            exported = exported();
            if (exported.contains("switchgear.charge") && exported.contains("model_not_found")
                    && exported.contains("refused")) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(exported).contains("authenticate", "switchgear.authentication", "account", "refused",
                "chat sim-echo", "switchgear.admission_and_routing", "switchgear.charge",
                "gen_ai.operation.name", "gen_ai.request.model", "gen_ai.response.model", "gen_ai.provider.name",
                "simulator", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens", "chat other",
                "model_not_found", "/v1/chat/completions");
        assertThat(exported).doesNotContain(key).doesNotContain(key.substring(6, 20))
                .doesNotContain(GatewayClient.ADMIN_KEY).doesNotContain(PROMPT_CANARY)
                .doesNotContain(MODEL_CANARY).doesNotContain("canary");
    }

    /** Every export so far, as text (protobuf keeps strings as UTF-8 bytes). */
    private static String exported() {
        StringBuilder all = new StringBuilder();
        for (byte[] body : EXPORTS) {
            all.append(new String(body, StandardCharsets.UTF_8));
        }
        return all.toString();
    }

    @LocalServerPort
    int port;

    @Test
    void onlyTheAdministratorScrapes() {
        GatewayClient gateway = new GatewayClient(port);
        String key = gateway.issueKey(gateway.openAccount("Scraper", "enterprise"));
        assertThat(gateway.get("/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(gateway.get("/actuator/prometheus", key).status()).isEqualTo(403);
        assertThat(scrape(gateway)).contains("# TYPE gen_ai_server_request_duration_seconds histogram");
    }

    @Test
    void completionsShowUpByRouteModelProviderAndOutcomeWithoutSecrets() throws Exception {
        GatewayClient gateway = new GatewayClient(port);
        String admin = GatewayClient.ADMIN_KEY;
        assertThat(gateway.post("/api/v1/llm/providers", admin, "{\"id\":\"dead\",\"name\":\"Dead\"}").status())
                .isEqualTo(200);
        assertThat(gateway.post("/api/v1/llm/models", admin, "{\"id\":\"dead-echo\",\"provider\":\"dead\","
                + "\"upstream_model\":\"dead-upstream\",\"input_per_1k\":1000,\"output_per_1k\":1000,"
                + "\"context_tokens\":100000,\"default_max_output_tokens\":64,\"min_tier\":\"free\","
                + "\"capabilities\":[],\"quality\":50,\"use_cases\":[\"chat\"]}").status()).isEqualTo(200);
        GatewayClient.Reply rules = gateway.get("/api/v1/llm/routing/rules", admin);
        com.fasterxml.jackson.databind.node.ObjectNode chains =
                (com.fasterxml.jackson.databind.node.ObjectNode) rules.body().get("chains");
        chains.putArray("safe").add("dead-echo").add("sim-echo");
        assertThat(gateway.send("PUT", "/api/v1/llm/routing/rules", admin, rules.body().toString(), Map.of())
                .statusCode()).isEqualTo(200);

        String account = gateway.openAccount("Metered", "enterprise");
        String key = gateway.issueKey(account);
        gateway.grant(account, "100");
        assertThat(gateway.post("/v1/chat/completions", key, chat("sim-echo", false)).status()).isEqualTo(200);
        HttpResponse<String> streamed = gateway.send("POST", "/v1/chat/completions", key, chat("sim-echo", true),
                Map.of());
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.body()).contains("[DONE]");
        assertThat(gateway.post("/v1/chat/completions", key, chat("safe", false)).status()).isEqualTo(200);
        assertThat(gateway.post("/v1/chat/completions", key, chat(MODEL_CANARY, false)).status()).isEqualTo(404);
        assertThat(gateway.post("/v1/messages", key, "{\"model\":\"sim-echo\",\"max_tokens\":8,\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"" + PROMPT_CANARY + "\"}]}").status()).isEqualTo(200);

        String limited = gateway.issueKey(limitedAccount(gateway));
        assertThat(gateway.post("/v1/chat/completions", limited, chat("sim-echo", false)).status()).isEqualTo(200);
        assertThat(gateway.post("/v1/chat/completions", limited, chat("sim-echo", false)).status()).isEqualTo(429);

        String metrics = scrape(gateway);
        String chatRoute = "http_route=\"/v1/chat/completions\"";
        String ok = "error_type=\"none\"";
        assertThat(value(metrics, "gen_ai_server_request_duration_seconds_count", chatRoute, ok,
                "gen_ai_request_model=\"sim-echo\"", "gen_ai_response_model=\"sim-echo\"",
                "gen_ai_provider_name=\"simulator\"", "key_source=\"platform\"", "gen_ai_operation_name=\"chat\""))
                .isGreaterThanOrEqualTo(3);
        assertThat(value(metrics, "gen_ai_server_request_duration_seconds_count", "http_route=\"/v1/messages\"", ok,
                "gen_ai_provider_name=\"simulator\"")).isEqualTo(1);
        // the unknown model is counted under `other`, with its error code; its name is nowhere
        assertThat(value(metrics, "gen_ai_server_request_duration_seconds_count", chatRoute,
                "gen_ai_request_model=\"other\"", "error_type=\"model_not_found\"")).isEqualTo(1);
        // the chain: asked for by its name, answered by the simulator after the dead provider failed
        assertThat(value(metrics, "gen_ai_server_request_duration_seconds_count", chatRoute, ok,
                "gen_ai_request_model=\"safe\"", "gen_ai_provider_name=\"simulator\"")).isEqualTo(1);
        assertThat(value(metrics, "gen_ai_client_operation_duration_seconds_count", "gen_ai_provider_name=\"dead\"",
                "gen_ai_response_model=\"dead-upstream\"", "error_type=\"unavailable\"")).isEqualTo(1);
        assertThat(value(metrics, "switchgear_fallbacks_total", "gen_ai_provider_name=\"dead\"",
                "cause=\"unavailable\"")).isEqualTo(1);
        assertThat(value(metrics, "switchgear_rate_limit_refusals_total", "limit=\"requests\"")).isEqualTo(1);
        assertThat(value(metrics, "gen_ai_server_time_to_first_token_seconds_count",
                "gen_ai_provider_name=\"simulator\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "gen_ai_client_token_usage_tokens_sum", "gen_ai_token_type=\"input\"",
                "gen_ai_request_model=\"sim-echo\"")).isGreaterThan(0);
        assertThat(value(metrics, "gen_ai_client_token_usage_tokens_sum", "gen_ai_token_type=\"output\"",
                "gen_ai_request_model=\"sim-echo\"")).isGreaterThan(0);
        assertThat(value(metrics, "switchgear_cost_microcredits_total", "gen_ai_provider_name=\"simulator\"",
                "key_source=\"platform\"")).isGreaterThan(0);
        assertThat(value(metrics, "switchgear_gateway_overhead_seconds_count", chatRoute)).isGreaterThanOrEqualTo(5);
        assertThat(metrics).contains("switchgear_gateway_overhead_seconds_bucket{http_route=\"/v1/chat/completions\"");
        assertThat(value(metrics, "switchgear_ledger_commit_seconds_count")).isGreaterThan(0);
        assertThat(value(metrics, "switchgear_provider_state", "gen_ai_provider_name=\"simulator\"")).isEqualTo(0);
        // every streaming processor has its lag (Lago's appears with LAGO_API_URL; LagoEndToEndTest's setting)
        assertThat(metrics).contains("switchgear_processor_lag_events{processor=\"usage\"",
                "switchgear_processor_lag_events{processor=\"audit\"",
                "switchgear_processor_lag_events{processor=\"alerts\"");
        assertThat(metrics).contains("http_server_requests_seconds_count{");
        assertThat(metrics).doesNotContain(key).doesNotContain(key.substring(6, 20)).doesNotContain(limited)
                .doesNotContain(GatewayClient.ADMIN_KEY).doesNotContain(PROMPT_CANARY).doesNotContain(MODEL_CANARY)
                .doesNotContain("canary");
    }

    /** An account allowed one request a minute. */
    private static String limitedAccount(GatewayClient gateway) {
        String account = gateway.openAccount("Limited", "free");
        gateway.grant(account, "10");
        HttpResponse<String> set = gateway.send("PUT", "/api/v1/admin/accounts/" + account + "/rate-limits",
                GatewayClient.ADMIN_KEY, "{\"requests_per_minute\":1,\"tokens_per_minute\":100000}", Map.of());
        assertThat(set.statusCode()).isEqualTo(200);
        return account;
    }

    private static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":8,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT_CANARY + "\"}]}";
    }

    private static String scrape(GatewayClient gateway) {
        try {
            HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(gateway.baseUrl() + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + GatewayClient.ADMIN_KEY).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).isEqualTo(200);
            return reply.body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The sum of the samples of {@code name} whose labels contain all of {@code labels}. */
    private static double value(String metrics, String name, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(metrics);
        double sum = 0;
        boolean found = false;
        while (matcher.find()) {
            String set = matcher.group(1) == null ? "" : matcher.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= set.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(matcher.group(2));
                found = true;
            }
        }
        assertThat(found).as(name + " with " + String.join(",", labels) + " in:\n" + grep(metrics, name)).isTrue();
        return sum;
    }

    private static String grep(String metrics, String name) {
        StringBuilder lines = new StringBuilder();
        for (String l : metrics.split("\n")) {
            if (l.startsWith(name.replaceAll("_(count|sum|total|bucket)$", ""))) {
                lines.append(l).append('\n');
            }
        }
        return lines.toString();
    }
}
