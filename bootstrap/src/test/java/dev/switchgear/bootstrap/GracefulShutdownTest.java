package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM with a streamed completion in flight (ADR 0028): the gateway, a child JVM on a slow
 * simulator, stops taking new requests, lets the stream finish with {@code [DONE]}, commits its
 * charge, stops its embedded PostgreSQL, and exits; started again on the same data directory, the
 * charge is in the account's events and its balance. The first run logs JSON lines (Spring Boot's
 * structured logging, switched on by {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}).
 */
class GracefulShutdownTest {

    private static final String REQUEST_ID = "in-flight-at-sigterm";

    private GatewayProcesses gateways;

    @AfterEach
    void stopEverything() throws Exception {
        if (gateways != null) {
            gateways.stopAll();
        }
    }

    @Test
    void aStreamInFlightAtSigtermFinishesAndItsChargeIsDurable() throws Exception {
        gateways = new GatewayProcesses(Files.createTempDirectory("switchgear-sigterm"), Duration.ofSeconds(4));
        Process first = gateways.start(1, Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"));
        GatewayClient gateway = gateways.awaitReady(first, 1);
        String account = gateway.openAccount("Draining", "enterprise");
        String key = gateway.issueKey(account);
        long granted = gateway.grant(account, "5");

        CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .header("X-Request-Id", REQUEST_ID)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"sim-echo\",\"max_tokens\":8,"
                                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"drain me\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(1_000);
        assertThat(inFlight).as("the streamed completion is still in flight").isNotDone();

        first.destroy(); // SIGTERM
        Thread.sleep(500);
        assertThat(first.isAlive()).as("the gateway drains instead of exiting at once").isTrue();
        assertThat(answersNewRequests(gateway)).as("no new request is served while draining").isFalse();

        HttpResponse<String> streamed = inFlight.get(60, TimeUnit.SECONDS);
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.body()).contains("data: [DONE]");
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("the gateway exits after the drain").isTrue();
        assertThat(gateways.log(1)).contains("Graceful shutdown complete");
        JsonNode drained = jsonLines(1).stream()
                .filter(line -> line.path("message").asText().equals("Graceful shutdown complete"))
                .findFirst().orElseThrow();
        assertThat(drained.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(gateways.postmaster()).as("its embedded PostgreSQL was stopped, after the ledger's last commit").isEmpty();

        GatewayClient restarted = gateways.awaitReady(gateways.start(2, Map.of()), 2);
        assertThat(restarted.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(restarted.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(restarted.events(account).toString()).contains(REQUEST_ID);
        assertThat(restarted.balance(key)).isLessThan(granted);
    }

    /** Whether a fresh connection gets an answer within two seconds. */
    private static boolean answersNewRequests(GatewayClient gateway) {
        try {
            HttpResponse<String> reply = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/actuator/health"))
                            .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return reply.statusCode() == 200;
        } catch (IOException refusedOrTimedOut) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The run's log lines that are JSON objects (the JVM's own warnings are not). */
    private List<JsonNode> jsonLines(int run) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : gateways.logLines(run)) {
            if (line.startsWith("{")) {
                lines.add(json.readTree(line));
            }
        }
        assertThat(lines).as("JSON log lines").hasSizeGreaterThan(10);
        return lines;
    }
}
