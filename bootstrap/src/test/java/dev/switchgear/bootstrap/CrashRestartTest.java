package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    /** Generous: two cold starts on a loaded two-core machine. */
    private static final Duration READY_WITHIN = Duration.ofSeconds(180);

    private final List<Process> started = new ArrayList<>();
    private final Map<Process, Integer> portOf = new HashMap<>();
    private Path data;

    @AfterEach
    void stopEverything() throws Exception {
        for (Process process : started) {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
        postmaster().ifPresent(ProcessHandle::destroy);
    }

    @Test
    void aGatewayKilledWithAStreamInFlightRestartsAtOnceWithItsCharges() throws Exception {
        data = Files.createTempDirectory("switchgear-crash");
        Process first = start(1);
        GatewayClient gateway = awaitReady(first, 1);
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
        Optional<ProcessHandle> leftover = postmaster();
        assertThat(leftover).as("the killed gateway's PostgreSQL outlives it").isPresent();

        Process second = start(2);
        GatewayClient restarted = awaitReady(second, 2);
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

    private Process start(int run) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), SwitchgearApplication.class.getName(),
                "--server.port=" + port,
                "--switchgear.data-dir=" + data,
                "--switchgear.admin-key=" + GatewayClient.ADMIN_KEY,
                "--switchgear.simulator.latency=3s");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("run-" + run + ".log").toFile())
                .start();
        started.add(process);
        portOf.put(process, port);
        return process;
    }

    /** Polls health until UP; the run must not exit meanwhile (a failed start is a failure, not a retry). */
    private GatewayClient awaitReady(Process process, int run) throws Exception {
        GatewayClient client = new GatewayClient(portOf.get(process));
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("run " + run + " exited with " + process.exitValue() + ":\n" + log(run));
            }
            try {
                GatewayClient.Reply health = client.get("/actuator/health", null);
                if (health.status() == 200 && health.body() != null
                        && "UP".equals(health.body().path("status").asText())) {
                    return client;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("run " + run + " was not ready within " + READY_WITHIN + ":\n" + log(run));
    }

    private String log(int run) throws IOException {
        String all = Files.readString(data.resolve("run-" + run + ".log"), StandardCharsets.UTF_8);
        return all.length() > 8000 ? all.substring(all.length() - 8000) : all;
    }

    /** The live server named by the data directory's postmaster.pid. */
    private Optional<ProcessHandle> postmaster() throws IOException {
        if (data == null) {
            return Optional.empty();
        }
        Path pid = data.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pid);
        return lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive);
    }
}
