package dev.switchgear.adapter.persistence.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded PostgreSQL server of the default run mode: its data lives in a directory of ours,
 * so a restart keeps every event and read model. Unlike the library's test defaults, fsync and
 * synchronous_commit are on: this server holds money.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** How long a leftover server gets to stop on SIGTERM before it is killed. */
    private static final Duration GRACE = Duration.ofSeconds(20);
    /** How long, in all, stopping a leftover server may take before the start gives up. */
    private static final Duration STOP_LIMIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts (initialising on first use) the server whose data is in {@code dataDirectory}. A
     * server that a previous gateway started on this directory and left running (the JVM was
     * killed) is stopped first, so the start succeeds at once; no other server is touched.
     */
    public static EmbeddedDatabase start(Path dataDirectory, boolean durable) {
        return start(dataDirectory, durable, true);
    }

    /**
     * As {@link #start(Path, boolean)}; {@code stopAtJvmExit} false leaves stopping to the owner's
     * {@link #close()}: an application that drains on SIGTERM must not lose its database in parallel
     * with the drain (ADR 0028), which the embedded server's own JVM shutdown hook would do.
     */
    public static EmbeddedDatabase start(Path dataDirectory, boolean durable, boolean stopAtJvmExit) {
        try {
            Files.createDirectories(dataDirectory);
            LeftoverServer.find(dataDirectory).ifPresent(leftover -> leftover.stop(GRACE, STOP_LIMIT));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .setServerConfig("full_page_writes", durable ? "on" : "off")
                    .setServerConfig("max_connections", "50")
                    .setRegisterShutdownHook(stopAtJvmExit)
                    .start();
            return new EmbeddedDatabase(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String user() {
        return "postgres";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
