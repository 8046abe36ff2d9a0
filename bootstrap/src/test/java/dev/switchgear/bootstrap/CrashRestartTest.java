package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the gateway with a streamed completion in flight, then a start at once on the
 * same data directory: the embedded PostgreSQL the killed JVM left running is stopped, the new
 * gateway is ready on its first try, every charge of a completed request is there, and a retry of a
 * request charged before the crash gets the answer that was paid for (ADR 0014).
 */
class CrashRestartTest {

    private GatewayProcesses gateways;

    @AfterEach
    void stopEverything() throws Exception {
        if (gateways != null) {
            gateways.stopAll();
        }
    }

    @Test
    void aGatewayKilledWithAStreamInFlightRestartsAtOnceWithItsCharges() throws Exception {
        gateways = new GatewayProcesses(Files.createTempDirectory("switchgear-crash"), Duration.ofSeconds(3));
        Process first = gateways.start(1, Map.of());
        GatewayClient gateway = gateways.awaitReady(first, 1);
        String account = gateway.openAccount("Crash", "enterprise");
        String key = gateway.issueKey(account);
        gateway.grant(account, "5");
        assertThat(gateway.post("/v1/chat/completions", key, GatewayEndToEndTest.HELLO).status()).isEqualTo(200);
        HttpResponse<String> named = gateway.send("POST", "/v1/chat/completions", key, GatewayEndToEndTest.HELLO,
                Map.of("X-Request-Id", "charged-before-the-crash"));
        assertThat(named.statusCode()).isEqualTo(200);
        long balance = gateway.balance(key);
        JsonNode events = gateway.events(account);
        assertThat(balance).isLessThan(5_000_000);

        CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"sim-echo\",\"max_tokens\":8,"
                                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"in flight\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(500);
        assertThat(inFlight).as("the streamed completion is still in flight").isNotDone();
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Optional<ProcessHandle> leftover = gateways.postmaster();
        assertThat(leftover).as("the killed gateway's PostgreSQL outlives it").isPresent();

        Process second = gateways.start(2, Map.of());
        GatewayClient restarted = gateways.awaitReady(second, 2);
        assertThat(leftover.get().isAlive()).isFalse();
        assertThat(restarted.balance(key)).isEqualTo(balance);
        JsonNode after = restarted.events(account);
        for (int i = 0; i < events.size(); i++) {
            assertThat(after.get(i)).isEqualTo(events.get(i));
        }
        // a retry of a request charged before the crash gets the answer that was paid for, not a second charge
        HttpResponse<String> retried = restarted.send("POST", "/v1/chat/completions", key, GatewayEndToEndTest.HELLO,
                Map.of("X-Request-Id", "charged-before-the-crash"));
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body()).isEqualTo(named.body());
        assertThat(retried.headers().firstValue("X-Switchgear-Replayed")).contains("true");
        assertThat(restarted.balance(key)).isEqualTo(balance);
        assertThat(restarted.post("/v1/chat/completions", key, GatewayEndToEndTest.HELLO).status()).isEqualTo(200);
        assertThat(restarted.balance(key)).isLessThan(balance);
    }
}
