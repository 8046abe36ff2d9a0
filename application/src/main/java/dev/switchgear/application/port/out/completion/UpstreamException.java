package dev.switchgear.application.port.out.completion;

import java.time.Duration;
import java.util.Optional;

/**
 * An upstream call that failed. {@link Kind#UNAVAILABLE} (connect errors, timeouts, resets, 5xx)
 * and {@link Kind#RATE_LIMITED} are worth trying elsewhere; {@link Kind#REJECTED} is the request's
 * own fault (4xx). The message is safe to show: no key, no internal URL.
 */
public class UpstreamException extends RuntimeException {

    public enum Kind { REJECTED, RATE_LIMITED, UNAVAILABLE }

    private final Kind kind;
    private final int status;
    private final Optional<Duration> retryAfter;

    public UpstreamException(Kind kind, int status, String safeMessage, Optional<Duration> retryAfter) {
        super(safeMessage, null, false, false);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
