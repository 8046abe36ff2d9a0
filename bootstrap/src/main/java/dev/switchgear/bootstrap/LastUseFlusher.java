package dev.switchgear.bootstrap;

import dev.switchgear.application.service.identity.LastUseRecorder;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the keys' last-use times every {@code interval}, and once more when the gateway stops (ADR 0016). */
final class LastUseFlusher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LastUseFlusher.class);

    private static final Duration FINAL_FLUSH_WAIT = Duration.ofSeconds(3);

    private final LastUseRecorder recorder;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "api-key-last-use");
        thread.setDaemon(true);
        return thread;
    });

    LastUseFlusher(LastUseRecorder recorder, Duration interval) {
        this.recorder = recorder;
        scheduler.scheduleWithFixedDelay(this::flush, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void flush() {
        try {
            recorder.flush();
        } catch (RuntimeException e) {
            LOG.warn("writing API keys' last use failed ({}); kept for the next flush", e.getClass().getSimpleName());
        }
    }

    /**
     * Stops the schedule and writes what is left, waiting at most {@link #FINAL_FLUSH_WAIT}: when the
     * database is already going away (a JVM shutdown stops the embedded server too), those last
     * times are given up rather than holding the shutdown for the pool's connection timeout.
     */
    @Override
    public void close() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(1, TimeUnit.SECONDS);
        Thread last = new Thread(this::flush, "api-key-last-use-final");
        last.setDaemon(true);
        last.start();
        last.join(FINAL_FLUSH_WAIT.toMillis());
        if (last.isAlive()) {
            last.interrupt();
            LOG.warn("the API keys' last use times since the last flush were not written within {}", FINAL_FLUSH_WAIT);
        }
    }
}
