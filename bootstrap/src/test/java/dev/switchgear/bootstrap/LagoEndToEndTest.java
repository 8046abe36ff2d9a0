package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Metering to Lago end to end, against a stand-in speaking Lago's batch events API: every charge
 * arrives once, in batches of at most 100, with its request id as transaction id and its own
 * timestamp; the stand-in goes away for a while (charges keep being made) and comes back, and every
 * charge still arrives exactly once; the totals equal the ledger's.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LagoEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int LAGO_PORT = freePort();
    static final Map<String, AtomicInteger> RECEIVED = new ConcurrentHashMap<>();
    static final List<JsonNode> EVENTS = new CopyOnWriteArrayList<>();
    static final AtomicInteger LARGEST_BATCH = new AtomicInteger();
    static final AtomicInteger UNAUTHORISED = new AtomicInteger();
    static HttpServer lago = startLago();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "lago");
        registry.add("switchgear.lago.url", () -> "http://127.0.0.1:" + LAGO_PORT);
        registry.add("switchgear.lago.api-key", () -> "lago_test_key");
    }

    @AfterAll
    static void stop() {
        lago.stop(0);
    }

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    org.axonframework.config.EventProcessingConfiguration processing;

    @Test
    void everyChargeReachesLagoExactlyOnceAcrossAnOutage() throws Exception {
        GatewayClient gateway = new GatewayClient(port);
        String account = gateway.openAccount("Metered", "starter");
        String key = gateway.issueKey(account);
        gateway.grant(account, "1000");
        // 150 requests within a minute are over the starter tier's 100 (ADR 0017): the admin raises this account's.
        assertThat(gateway.send("PUT", "/api/v1/admin/accounts/" + account + "/rate-limits", GatewayClient.ADMIN_KEY,
                "{\"requests_per_minute\":1000,\"tokens_per_minute\":null}", java.util.Map.of()).statusCode())
                .isEqualTo(200);
        String chat = "{\"model\":\"sim-echo\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"meter me\"}]}";

        for (int i = 0; i < 30; i++) {
            assertThat(gateway.post("/v1/chat/completions", key, chat).status()).isEqualTo(200);
        }
        awaitReceived(30, Duration.ofSeconds(30));

        lago.stop(0); // Lago goes away; charges go on
        for (int i = 0; i < 120; i++) {
            assertThat(gateway.post("/v1/chat/completions", key, chat).status()).isEqualTo(200);
        }
        Thread.sleep(10_000);
        assertThat(RECEIVED).hasSize(30);
        lago = startLago();
        awaitReceived(150, Duration.ofSeconds(90));

        JsonNode charges = gateway.events(account);
        long ledgerTokens = 0;
        int ledgerCharges = 0;
        for (JsonNode event : charges) {
            if (event.path("type").asText().equals("UsageCharged")) {
                ledgerCharges++;
                ledgerTokens += event.at("/payload/inputTokens").asLong() + event.at("/payload/outputTokens").asLong();
                String requestId = event.at("/payload/requestId").asText();
                assertThat(RECEIVED.get(requestId)).as(requestId).isNotNull().hasValue(1);
            }
        }
        long lagoTokens = EVENTS.stream().mapToLong(e -> e.at("/properties/tokens").asLong()).sum();
        assertThat(ledgerCharges).isEqualTo(150);
        assertThat(RECEIVED.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        assertThat(lagoTokens).isEqualTo(ledgerTokens);
        assertThat(LARGEST_BATCH.get()).isBetween(1, 100);
        assertThat(UNAUTHORISED.get()).isZero();
        JsonNode first = EVENTS.get(0);
        assertThat(first.path("code").asText()).isEqualTo("llm_tokens");
        assertThat(first.path("external_subscription_id").asText()).isEqualTo(account);
        assertThat(first.at("/properties/provider").asText()).isEqualTo("simulator");
        assertThat(first.at("/properties/byok_used").asBoolean()).isFalse();
        assertThat(first.path("timestamp").asLong()).isPositive();
        System.out.printf("Lago: %d charges, %d tokens, largest batch %d%n", ledgerCharges, ledgerTokens,
                LARGEST_BATCH.get());

        // Replaying the projections sends nothing again; the Lago processor itself refuses a reset.
        var usage = processing.eventProcessor("usage", org.axonframework.eventhandling.StreamingEventProcessor.class)
                .orElseThrow();
        usage.shutDown();
        usage.resetTokens();
        usage.start();
        var lagoProcessor = processing.eventProcessor("lago",
                org.axonframework.eventhandling.StreamingEventProcessor.class).orElseThrow();
        assertThat(lagoProcessor.supportsReset()).isFalse();
        Thread.sleep(3_000);
        assertThat(RECEIVED).hasSize(150);
        assertThat(RECEIVED.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    }

    private static void awaitReceived(int count, Duration within) throws InterruptedException {
        long until = System.nanoTime() + within.toNanos();
        while (RECEIVED.size() < count && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(RECEIVED).hasSize(count);
    }

    /** A stand-in for Lago's {@code POST /api/v1/events/batch}: records each event by transaction id. */
    private static HttpServer startLago() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), LAGO_PORT), 0);
            server.createContext("/api/v1/events/batch", exchange -> {
                try (exchange) {
                    if (!"Bearer lago_test_key".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                        UNAUTHORISED.incrementAndGet();
                        exchange.sendResponseHeaders(401, -1);
                        return;
                    }
                    JsonNode body = JSON.readTree(exchange.getRequestBody());
                    LARGEST_BATCH.accumulateAndGet(body.path("events").size(), Math::max);
                    for (JsonNode event : body.path("events")) {
                        RECEIVED.computeIfAbsent(event.path("transaction_id").asText(), k -> new AtomicInteger())
                                .incrementAndGet();
                        EVENTS.add(event);
                    }
                    byte[] answer = "{\"events\":[]}".getBytes();
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
