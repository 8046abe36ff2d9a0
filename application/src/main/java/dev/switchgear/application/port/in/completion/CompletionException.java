package dev.switchgear.application.port.in.completion;

import java.time.Duration;
import java.util.Optional;

/**
 * A completion that could not be answered. The message is safe to show a caller: it never holds
 * a provider key or an internal address. {@code upstreamStatus} is the upstream's HTTP status
 * where one was received (0 otherwise).
 */
public class CompletionException extends RuntimeException {

    private final CompletionError code;
    private final int upstreamStatus;
    private final Optional<Duration> retryAfter;

    public CompletionException(CompletionError code, String message) {
        this(code, message, 0, Optional.empty());
    }

    public CompletionException(CompletionError code, String message, int upstreamStatus, Optional<Duration> retryAfter) {
        super(message, null, false, false);
        this.code = code;
        this.upstreamStatus = upstreamStatus;
        this.retryAfter = retryAfter;
    }

    public CompletionError code() {
        return code;
    }

    public int upstreamStatus() {
        return upstreamStatus;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
