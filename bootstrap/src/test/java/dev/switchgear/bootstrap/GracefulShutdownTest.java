package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * SIGTERM with a streamed completion in flight (ADR 0028): the gateway, a child JVM on a slow
 * simulator, stops taking new requests, lets the stream finish with {@code [DONE]}, commits its
 * charge, stops its embedded PostgreSQL, and exits; started again on the same data directory, the
 * charge is in the account's events and its balance. The first run logs JSON lines (Spring Boot's
 * structured logging, switched on by {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}).
 */
class GracefulShutdownTest {

    private static final Duration READY_WITHIN = Duration.ofSeconds(180);
    private static final String REQUEST_ID = "in-flight-at-sigterm";

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
    void aStreamInFlightAtSigtermFinishesAndItsChargeIsDurable() throws Exception {
        data = Files.createTempDirectory("switchgear-sigterm");
        Process first = start(1);
        GatewayClient gateway = awaitReady(first, 1);
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
        assertThat(log(1)).contains("Graceful shutdown complete");
        JsonNode drained = jsonLines(1).stream()
                .filter(line -> line.path("message").asText().equals("Graceful shutdown complete"))
                .findFirst().orElseThrow();
        assertThat(drained.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(postmaster()).as("its embedded PostgreSQL was stopped, after the ledger's last commit").isEmpty();

        GatewayClient restarted = awaitReady(start(2), 2);
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
                "--switchgear.simulator.latency=4s");
        ProcessBuilder builder = new ProcessBuilder(command);
        if (run == 1) {
            builder.environment().put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
        }
        Process process = builder
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("run-" + run + ".log").toFile())
                .start();
        started.add(process);
        portOf.put(process, port);
        return process;
    }

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

    /** The run's log lines that are JSON objects (the JVM's own warnings are not). */
    private List<JsonNode> jsonLines(int run) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(data.resolve("run-" + run + ".log"), StandardCharsets.UTF_8)) {
            if (line.startsWith("{")) {
                lines.add(json.readTree(line));
            }
        }
        assertThat(lines).as("JSON log lines").hasSizeGreaterThan(10);
        return lines;
    }

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
