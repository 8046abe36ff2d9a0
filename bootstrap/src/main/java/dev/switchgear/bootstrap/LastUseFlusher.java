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

    @Override
    public void close() throws InterruptedException {
        scheduler.shutdown();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        flush();
    }
}
