package dev.switchgear.adapter.rest;

import dev.switchgear.application.port.in.completion.RateLimitStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;

/**
 * The rate-limit headers of the completion routes, as OpenAI sends them on every response (ADR
 * 0017): {@code x-ratelimit-limit-requests}, {@code x-ratelimit-remaining-requests},
 * {@code x-ratelimit-reset-requests} (a duration such as {@code 59.2s} or {@code 6m0s}) and their
 * {@code -tokens} twins. Set on the servlet response (replacing, never adding), so a stream's early
 * headers and an error's cannot repeat each other.
 */
final class RateLimitHeaders {

    static final String LIMIT_REQUESTS = "x-ratelimit-limit-requests";
    static final String REMAINING_REQUESTS = "x-ratelimit-remaining-requests";
    static final String RESET_REQUESTS = "x-ratelimit-reset-requests";
    static final String LIMIT_TOKENS = "x-ratelimit-limit-tokens";
    static final String REMAINING_TOKENS = "x-ratelimit-remaining-tokens";
    static final String RESET_TOKENS = "x-ratelimit-reset-tokens";

    private RateLimitHeaders() {
    }

    static void write(HttpServletResponse response, RateLimitStatus status) {
        if (response.isCommitted()) {
            return;
        }
        response.setHeader(LIMIT_REQUESTS, Long.toString(status.requestLimit()));
        response.setHeader(REMAINING_REQUESTS, Long.toString(status.requestsRemaining()));
        response.setHeader(RESET_REQUESTS, RateLimitStatus.format(status.requestsReset()));
        response.setHeader(LIMIT_TOKENS, Long.toString(status.tokenLimit()));
        response.setHeader(REMAINING_TOKENS, Long.toString(status.tokensRemaining()));
        response.setHeader(RESET_TOKENS, RateLimitStatus.format(status.tokensReset()));
    }

    /** {@code Retry-After}: whole seconds, rounded up, at least 1. */
    static String retryAfter(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Long.toString(Math.max(1, seconds));
    }
}
