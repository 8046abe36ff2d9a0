package dev.switchgear.bootstrap;

import dev.switchgear.adapter.persistence.database.EmbeddedDatabase;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The embedded PostgreSQL, started on a thread of its own as soon as the settings are known, while
 * Spring goes on creating the beans that do not need it (issue #13 item 3: its start, 0.6–1.6 s, was
 * on the start-up's critical path). {@link #take()} waits for it and hands it over to the
 * {@code EmbeddedDatabase} bean, which stops it last (ADR 0028); if it is never taken (the context
 * failed before it needed the database), {@link #close()} stops it, so no server outlives a failed start.
 */
final class EarlyEmbeddedDatabase implements AutoCloseable {

    private final CompletableFuture<EmbeddedDatabase> starting;
    private boolean taken;

    private EarlyEmbeddedDatabase(CompletableFuture<EmbeddedDatabase> starting) {
        this.starting = starting;
    }

    /** Starts the server in {@code directory} on a new thread. */
    static EarlyEmbeddedDatabase start(Path directory, boolean durable) {
        CompletableFuture<EmbeddedDatabase> starting = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                starting.complete(EmbeddedDatabase.start(directory, durable, false));
            } catch (Throwable e) {
                starting.completeExceptionally(e);
            }
        }, "embedded-postgresql-start");
        thread.setDaemon(true);
        thread.start();
        return new EarlyEmbeddedDatabase(starting);
    }

    /** The started server, waited for; from now on its owner stops it. Its start's failure, thrown. */
    synchronized EmbeddedDatabase take() {
        try {
            EmbeddedDatabase database = starting.join();
            taken = true;
            return database;
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /** Stops the server unless it was taken: a start that never reached the database leaves none running. */
    @Override
    public synchronized void close() {
        if (taken) {
            return;
        }
        try {
            starting.join().close();
        } catch (CompletionException e) {
            // it never started: nothing to stop
        }
    }
}
