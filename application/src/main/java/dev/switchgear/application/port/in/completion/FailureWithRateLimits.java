package dev.switchgear.application.port.in.completion;

import java.util.Objects;

/**
 * A completion that failed after its rate limits were consulted: the failure itself (a
 * {@link CompletionException}, or the credit context's refusal) and the state of the account's
 * budgets, which the inbound adapter reports in the response's headers whatever the failure. The
 * rate limit's own refusal is a {@link CompletionException} with code
 * {@link CompletionError#RATE_LIMITED_REQUESTS} or {@link CompletionError#RATE_LIMITED_TOKENS}.
 */
public class FailureWithRateLimits extends RuntimeException {

    private final RuntimeException failure;
    private final RateLimitStatus limits;

    public FailureWithRateLimits(RuntimeException failure, RateLimitStatus limits) {
        super(failure.getMessage(), failure, false, false);
        this.failure = failure;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The failure, as it would have been thrown without rate limits. */
    public RuntimeException failure() {
        return failure;
    }

    public RateLimitStatus limits() {
        return limits;
    }
}
