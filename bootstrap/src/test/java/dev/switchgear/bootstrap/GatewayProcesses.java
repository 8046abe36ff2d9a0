package dev.switchgear.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Gateways started as child JVMs on one data directory (embedded PostgreSQL, a slow simulator), for
 * the tests that stop a gateway the way an operating system does — {@code kill -9} or SIGTERM — and
 * start it again. Each run logs to {@code run-<n>.log} in the data directory.
 */
final class GatewayProcesses {

    /** Generous: cold starts on a loaded two-core machine. */
    private static final Duration READY_WITHIN = Duration.ofSeconds(180);

    private final Path data;
    private final Duration simulatorLatency;
    private final List<Process> started = new ArrayList<>();
    private final Map<Process, Integer> portOf = new HashMap<>();

    GatewayProcesses(Path data, Duration simulatorLatency) {
        this.data = data;
        this.simulatorLatency = simulatorLatency;
    }

    Path data() {
        return data;
    }

    /** Starts run {@code run} with {@code environment} added to this JVM's. */
    Process start(int run, Map<String, String> environment) throws IOException {
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
                "--switchgear.simulator.latency=" + simulatorLatency.toMillis() + "ms");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("run-" + run + ".log").toFile())
                .start();
        started.add(process);
        portOf.put(process, port);
        return process;
    }

    /** Polls health until UP; the run must not exit meanwhile (a failed start is a failure, not a retry). */
    GatewayClient awaitReady(Process process, int run) throws Exception {
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

    /** The last 8,000 characters of run {@code run}'s log. */
    String log(int run) throws IOException {
        String all = Files.readString(data.resolve("run-" + run + ".log"), StandardCharsets.UTF_8);
        return all.length() > 8000 ? all.substring(all.length() - 8000) : all;
    }

    List<String> logLines(int run) throws IOException {
        return Files.readAllLines(data.resolve("run-" + run + ".log"), StandardCharsets.UTF_8);
    }

    /** The live server named by the data directory's postmaster.pid. */
    Optional<ProcessHandle> postmaster() throws IOException {
        Path pid = data.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pid);
        return lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive);
    }

    /** Stops every run still alive (SIGTERM, then SIGKILL after a minute) and a PostgreSQL left behind. */
    void stopAll() throws Exception {
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
}
