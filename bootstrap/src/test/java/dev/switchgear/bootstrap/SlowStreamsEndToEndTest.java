package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.adapter.simulator.Faults;
import dev.switchgear.adapter.simulator.Simulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The small, in-build sibling of docs/bench/streams.sh (ADR 0031): 300 slow streams (an upstream
 * pausing between events, so each lasts about five seconds) held at once by one gateway, all
 * complete, and each is charged exactly what the same stream costs alone, its charge durable in
 * the events and agreeing with the ledger and the read model.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlowStreamsEndToEndTest {

    static final int STREAMS = 300;
    static final Duration CHUNK_DELAY = Duration.ofMillis(600);
    static final Simulator SLOW = Simulator.start(new Simulator.Settings(0, Optional.empty(),
            Faults.none().withChunkDelay(CHUNK_DELAY)));
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BODY = "{\"model\":\"sim-echo\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hold this stream open: six pieces, nine pauses.\"}]}";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestGateways.embedded(registry, "slow-streams");
        registry.add("switchgear.simulator.base-url", () -> SLOW.baseUrl().toString());
    }

    @AfterAll
    static void stop() {
        SLOW.close();
    }

    @LocalServerPort
    int port;

    @Test
    void threeHundredSlowStreamsAtOnceAllCompleteEachChargedExactly() throws Exception {
        GatewayClient gateway = new GatewayClient(port);
        String account = gateway.openAccount("Slow streams", "free");
        String key = gateway.issueKey(account);
        gateway.grant(account, "1000");
        assertThat(gateway.send("PUT", "/api/v1/admin/accounts/" + account + "/rate-limits", GatewayClient.ADMIN_KEY,
                "{\"requests_per_minute\":100000,\"tokens_per_minute\":100000000}", Map.of()).statusCode()).isEqualTo(200);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(BODY)).build();

        long before = gateway.balance(key);
        HttpResponse<String> alone = http.send(request, HttpResponse.BodyHandlers.ofString());
        long oneStream = before - gateway.balance(key);
        assertThat(alone.statusCode()).isEqualTo(200);
        assertThat(oneStream).isPositive();
        long pauses = alone.body().lines().filter(line -> line.startsWith("data: ")).count() - 1;
        Duration streamTime = CHUNK_DELAY.multipliedBy(pauses);

        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> streams = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            streams.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new)).join();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        // Held at once: one after another they would take 300 times a stream's ~5 s.
        assertThat(elapsed).isLessThan(streamTime.multipliedBy(3));
        Map<String, JsonNode> usageByRequest = new HashMap<>();
        for (CompletableFuture<HttpResponse<String>> stream : streams) {
            HttpResponse<String> response = stream.join();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).endsWith("data: [DONE]\n\n");
            usageByRequest.put(response.headers().firstValue("X-Request-Id").orElseThrow(), usage(response.body()));
        }
        assertThat(usageByRequest).hasSize(STREAMS);
        assertThat(before - gateway.balance(key)).isEqualTo((STREAMS + 1) * oneStream);

        // Every stream's own charge is in the account's events, for its own usage, at the lone stream's price.
        Map<String, JsonNode> charges = new HashMap<>();
        for (JsonNode event : gateway.events(account)) {
            if ("UsageCharged".equals(event.path("type").asText())) {
                JsonNode id = event.at("/payload/requestId");
                charges.put(id.isObject() ? id.path("value").asText() : id.asText(), event.path("payload"));
            }
        }
        assertThat(charges).hasSize(STREAMS + 1);
        usageByRequest.forEach((requestId, usage) -> {
            JsonNode charge = charges.get(requestId);
            assertThat(charge).as("the charge of %s", requestId).isNotNull();
            assertThat(charge.path("inputTokens").asLong()).isEqualTo(usage.path("prompt_tokens").asLong());
            assertThat(charge.path("outputTokens").asLong()).isEqualTo(usage.path("completion_tokens").asLong());
            assertThat(charge.path("charged").asLong()).isEqualTo(oneStream);
        });
        JsonNode reconciled = reconciled(gateway, account, STREAMS + 1);
        assertThat(reconciled.path("differences")).isEmpty();
        assertThat(reconciled.at("/charges/charged_micro_credits").asLong()).isEqualTo((STREAMS + 1) * oneStream);
        assertThat(reconciled.path("ledger_balance_micro_credits").asLong())
                .isEqualTo(reconciled.path("event_balance_micro_credits").asLong());
    }

    private static JsonNode usage(String sse) {
        return sse.lines().filter(line -> line.startsWith("data: {") && line.contains("\"usage\""))
                .map(line -> {
                    try {
                        return JSON.readTree(line.substring(6)).path("usage");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .reduce((first, second) -> second).orElseThrow();
    }

    /** The account's reconciliation once the usage read model has caught up with its charges. */
    private static JsonNode reconciled(GatewayClient gateway, String account, long charges) throws Exception {
        JsonNode line = null;
        for (int i = 0; i < 100; i++) {
            line = gateway.get("/api/v1/admin/reconciliation?account=" + account, GatewayClient.ADMIN_KEY).body()
                    .path("accounts").path(0);
            if (line.at("/read_model/count").asLong() == charges) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(line.at("/charges/count").asLong()).isEqualTo(charges);
        assertThat(line.at("/read_model/count").asLong()).isEqualTo(charges);
        return line;
    }
}
