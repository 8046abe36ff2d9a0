package dev.switchgear.adapter.llm;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * Enforces first-byte, idle and total deadlines on upstream calls: one daemon thread looks at the
 * calls in flight every few milliseconds and cancels those past a deadline, which makes their
 * blocked read fail at once. Socket timeouts alone cannot tell the first byte from the next.
 */
public final class UpstreamWatchdog implements AutoCloseable {

    private static final long TICK_MILLIS = 10;

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "upstream-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    public UpstreamWatchdog() {
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts watching a call; close the watch when the call is done. */
    public Watch watch(Cancellable call, UpstreamTimeouts timeouts) {
        Watch watch = new Watch(call, timeouts, System.nanoTime());
        watches.add(watch);
        return watch;
    }

    private void tick() {
        long now = System.nanoTime();
        for (Watch watch : watches) {
            String expired = watch.expiredAt(now);
            if (expired != null) {
                watch.expired = expired;
                watches.remove(watch);
                watch.call.cancel();
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    /** One call's deadlines. */
    public final class Watch implements AutoCloseable {
        private final Cancellable call;
        private final long firstByteNanos;
        private final long idleNanos;
        private final long deadline;
        private volatile long lastActivity;
        private volatile boolean started;
        private volatile String expired;

        private Watch(Cancellable call, UpstreamTimeouts timeouts, long now) {
            this.call = call;
            this.firstByteNanos = timeouts.firstByte().toNanos();
            this.idleNanos = timeouts.idle().toNanos();
            this.deadline = now + timeouts.total().toNanos();
            this.lastActivity = now;
        }

        /** Bytes arrived: the first byte, or the next chunk of a stream. */
        public void activity() {
            started = true;
            lastActivity = System.nanoTime();
        }

        /** Which deadline cancelled the call ("first byte", "idle", "total"), or null. */
        public String expired() {
            return expired;
        }

        private String expiredAt(long now) {
            if (now - deadline > 0) {
                return "total";
            }
            if (!started) {
                return now - lastActivity > firstByteNanos ? "first byte" : null;
            }
            return now - lastActivity > idleNanos ? "idle" : null;
        }

        @Override
        public void close() {
            watches.remove(this);
        }
    }
}
