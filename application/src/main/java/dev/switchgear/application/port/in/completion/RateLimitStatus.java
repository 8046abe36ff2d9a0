package dev.switchgear.application.port.in.completion;

import java.time.Duration;
import java.util.Objects;

/**
 * An account's two rate-limit budgets as a request left them (ADR 0017): for requests and for
 * tokens a minute, the limit, what remains, and how long until the budget is whole again — what
 * OpenAI sends as {@code x-ratelimit-limit-requests}, {@code x-ratelimit-remaining-requests},
 * {@code x-ratelimit-reset-requests} and their {@code -tokens} twins.
 */
public record RateLimitStatus(long requestLimit, long requestsRemaining, Duration requestsReset,
                              long tokenLimit, long tokensRemaining, Duration tokensReset) {

    public RateLimitStatus {
        Objects.requireNonNull(requestsReset, "requestsReset");
        Objects.requireNonNull(tokensReset, "tokensReset");
        requestsRemaining = Math.max(0, requestsRemaining);
        tokensRemaining = Math.max(0, tokensRemaining);
    }

    /**
     * A duration as OpenAI writes it in {@code x-ratelimit-reset-*} and its messages (Go's
     * notation): {@code 20ms}, {@code 1s}, {@code 59.2s}, {@code 6m0s}, {@code 1h0m0s}; rounded up to
     * the millisecond.
     */
    public static String format(Duration duration) {
        long millis = duration.isNegative() ? 0 : duration.plusNanos(999_999).toMillis();
        if (millis == 0) {
            return "0s";
        }
        if (millis < 1_000) {
            return millis + "ms";
        }
        long hours = millis / 3_600_000;
        long minutes = millis / 60_000 % 60;
        long wholeSeconds = millis / 1_000 % 60;
        long fraction = millis % 1_000;
        String seconds = fraction == 0 ? Long.toString(wholeSeconds) : wholeSeconds + "." + milliseconds(fraction);
        if (hours > 0) {
            return hours + "h" + minutes + "m" + seconds + "s";
        }
        return minutes > 0 ? minutes + "m" + seconds + "s" : seconds + "s";
    }

    /** 1 to 999 ms as a fraction's digits: 5 as "005", 50 as "05", 120 as "12" (on every answer: no Formatter, no regex). */
    private static String milliseconds(long fraction) {
        long digits = fraction;
        int width = 3;
        while (digits % 10 == 0) {
            digits /= 10;
            width--;
        }
        String text = Long.toString(digits);
        return "0".repeat(width - text.length()) + text;
    }
}
