package dev.switchgear.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Keycloak (the {@code keycloak-quarkus-dist} zip that Maven unpacks into
 * {@code target/keycloak}) started in development mode on 127.0.0.1 and a free port, with the
 * realm {@code switchgear} imported from {@code src/test/resources/keycloak} (into a fresh database
 * whenever that file changed).
 * Started once per test JVM by {@link KeycloakExtension}; closing it ends the whole process tree.
 */
final class KeycloakServer implements ExtensionContext.Store.CloseableResource {

    static final String REALM = "switchgear";
    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "kc-admin-for-tests-only";
    private static final Path DIST = Path.of("target", "keycloak");
    private static final Path FALLBACK_JDK = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Process process;
    private final int port;
    private final Path log;

    private KeycloakServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static KeycloakServer start() {
        try {
            Path home = home();
            Path data = home.resolve("data");
            Path imported = data.resolve("import").resolve("switchgear-realm.json");
            byte[] realm;
            try (InputStream in = KeycloakServer.class.getResourceAsStream("/keycloak/switchgear-realm.json")) {
                if (in == null) {
                    throw new IllegalStateException("test resource /keycloak/switchgear-realm.json is missing");
                }
                realm = in.readAllBytes();
            }
            // A fresh database whenever the realm differs from the one imported last (always on CI,
            // where target/ starts empty); otherwise the last run's database, to save its schema set-up.
            if (!Files.exists(imported) || !Arrays.equals(Files.readAllBytes(imported), realm)) {
                deleteTree(data);
                Files.createDirectories(imported.getParent());
                Files.write(imported, realm);
            }
            // A free port can be taken by another process between our probe and Keycloak's bind: then
            // Keycloak exits at once saying so, and is started again on other ports (at most three times).
            for (int attempt = 1; ; attempt++) {
                KeycloakServer server = launch(home, freePort(), freePort());
                try {
                    server.awaitReady();
                    return server;
                } catch (IllegalStateException e) {
                    boolean portTaken = e.getMessage() != null && e.getMessage().contains("Address already in use");
                    if (!portTaken || attempt == 3) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeycloakServer launch(Path home, int port, int managementPort) throws IOException {
        Path log = Path.of("target", "keycloak-" + port + ".log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-host=127.0.0.1", "--http-management-port=" + managementPort,
                "--import-realm")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", jdk21OrNewer().toString());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // jboss-threads resets thread locals by reflection, which Java 24+ allows only when opened.
        builder.environment().put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
        return new KeycloakServer(builder.start(), port, log);
    }

    /** The realm's issuer, as tokens fetched through {@link #baseUrl()} name it. */
    String issuer() {
        return baseUrl() + "/realms/" + REALM;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(500));
        }
        String tail = tail();
        close();
        throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT + ":\n" + tail);
    }

    @Override
    public void close() {
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                handle.destroyForcibly();
            }
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static Path home() throws IOException {
        if (!Files.isDirectory(DIST)) {
            throw new IllegalStateException("no Keycloak in " + DIST.toAbsolutePath()
                    + ": run the tests through Maven, which unpacks org.keycloak:keycloak-quarkus-dist there");
        }
        try (Stream<Path> entries = Files.list(DIST)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve("bin/kc.sh"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no bin/kc.sh under " + DIST.toAbsolutePath()))
                    .toAbsolutePath();
        }
    }

    /** Keycloak 26 needs Java 21 or newer: this JVM's when it is, else Temurin 25 where CI has it. */
    private static Path jdk21OrNewer() {
        if (Runtime.version().feature() >= 21) {
            return Path.of(System.getProperty("java.home"));
        }
        if (Files.isExecutable(FALLBACK_JDK.resolve("bin/java"))) {
            return FALLBACK_JDK;
        }
        throw new IllegalStateException("Keycloak needs a JDK 21+; this JVM is " + Runtime.version()
                + " and " + FALLBACK_JDK + " does not exist. Run the tests on a 21+ JDK.");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
