package dev.switchgear.application.service.completion;

import dev.switchgear.application.port.in.completion.ChatRequest;
import dev.switchgear.application.port.in.completion.CompletionError;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.completion.FailureWithRateLimits;
import dev.switchgear.application.port.in.completion.RateLimitStatus;
import dev.switchgear.application.port.in.credit.AccountStanding;
import dev.switchgear.application.port.in.credit.AccountStandings;
import dev.switchgear.application.port.out.limit.RateLimiter;
import dev.switchgear.application.service.limit.TierRateLimits;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.TokenUsage;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a completion meets its account's rate limits (ADR 0017), before the credit admission and
 * off the account's lock: one request and the request's estimated tokens are reserved — the
 * prompt estimated from the body (a token is about four bytes of JSON) plus {@code max_tokens}, or
 * the configured output allowance when the caller set none — against the limits in force (the
 * tier's, or the administrator's override read from the account's standing in memory). A refusal is
 * a 429 that consumed nothing; a request refused later, before any upstream call, gives everything
 * back; one that was answered is trued up to the tokens it was charged for, one that failed
 * upstream keeps its request and gives its tokens back.
 */
public final class RateLimitGate {

    private static final Pass UNLIMITED = new Pass(null);

    private final RateLimiter limiter;
    private final AccountStandings standings;
    private final TierRateLimits tiers;
    private final int defaultOutputTokens;

    /**
     * @param defaultOutputTokens the output a request that sets no {@code max_tokens} is estimated to use
     */
    public RateLimitGate(RateLimiter limiter, AccountStandings standings, TierRateLimits tiers,
                         int defaultOutputTokens) {
        if (defaultOutputTokens < 1) {
            throw new IllegalArgumentException("the default output allowance is at least 1 token");
        }
        this.limiter = limiter;
        this.standings = standings;
        this.tiers = tiers;
        this.defaultOutputTokens = defaultOutputTokens;
    }

    /** A gate that limits nothing (tests and embeddings without rate limits). */
    static RateLimitGate unlimited() {
        return new RateLimitGate(null, null, null, 1);
    }

    /** One request's reservation; {@link #status} is what the response reports. */
    static final class Pass {
        private final RateLimiter.Reservation reservation;

        private Pass(RateLimiter.Reservation reservation) {
            this.reservation = reservation;
        }

        Optional<RateLimitStatus> status() {
            return reservation == null || !reservation.enforced() ? Optional.empty()
                    : Optional.of(RateLimitGate.status(reservation));
        }
    }

    /** The tokens a request is estimated to use: its prompt (body bytes / 4, rounded up) and its output cap. */
    long estimate(ChatRequest request) {
        long prompt = (request.body().length + 3L) / 4;
        return prompt + request.maxOutputTokens().orElse(defaultOutputTokens);
    }

    /** Reserves the request on its account's budgets; refuses it with a 429 that consumed nothing. */
    Pass reserve(AccountId account, ChatRequest request) {
        if (limiter == null) {
            return UNLIMITED;
        }
        Optional<AccountStanding> standing = standings.standing(account);
        if (standing.isEmpty()) {
            return UNLIMITED; // an unknown account: admission refuses it
        }
        RateLimiter.Limits limits = tiers.inForce(standing.get());
        RateLimiter.Reservation reservation = limiter.reserve(account, limits, estimate(request));
        if (!reservation.admitted()) {
            throw new FailureWithRateLimits(refusal(account, reservation), status(reservation));
        }
        return new Pass(reservation);
    }

    /**
     * The request was refused before any upstream call: everything goes back. The failure is
     * returned carrying the budgets, except a retry of a charged request, which the replay answers.
     */
    RuntimeException refused(Pass pass, RuntimeException failure) {
        if (pass.reservation == null) {
            return failure;
        }
        limiter.release(pass.reservation);
        if (failure instanceof CreditException e && e.code() == CreditError.REQUEST_ALREADY_CHARGED) {
            return failure;
        }
        return withStatus(pass, failure);
    }

    /** The request failed once sent upstream: it counts, its tokens (nothing was charged) go back. */
    RuntimeException failed(Pass pass, RuntimeException failure) {
        if (pass.reservation == null) {
            return failure;
        }
        limiter.trueUp(pass.reservation, 0);
        return withStatus(pass, failure);
    }

    /** The request was charged for {@code usage}: its token reservation is trued up to it. */
    void settle(Pass pass, TokenUsage usage) {
        if (pass.reservation != null) {
            limiter.trueUp(pass.reservation, usage.totalTokens());
        }
    }

    private static RuntimeException withStatus(Pass pass, RuntimeException failure) {
        Optional<RateLimitStatus> status = pass.status();
        return status.isEmpty() || failure instanceof FailureWithRateLimits ? failure
                : new FailureWithRateLimits(failure, status.get());
    }

    private static RateLimitStatus status(RateLimiter.Reservation r) {
        return new RateLimitStatus(r.requests().limit(), r.requests().remaining(), r.requests().reset(),
                r.tokenBudget().limit(), r.tokenBudget().remaining(), r.tokenBudget().reset());
    }

    private static CompletionException refusal(AccountId account, RateLimiter.Reservation r) {
        boolean tokens = r.exhausted() == RateLimiter.Exhausted.TOKENS;
        RateLimiter.Budget budget = tokens ? r.tokenBudget() : r.requests();
        long requested = tokens ? r.tokens() : 1;
        String which = tokens ? "tokens per min (TPM)" : "requests per minute (RPM)";
        String message = requested > budget.limit()
                ? "Request too large for " + which + " on account " + account.value() + ": Limit " + budget.limit()
                + ", Requested " + requested + ". The input or output tokens must be reduced in order to run"
                + " successfully (set a lower max_tokens)."
                : "Rate limit reached for " + which + " on account " + account.value() + ": Limit " + budget.limit()
                + ", Used " + (budget.limit() - budget.remaining()) + ", Requested " + requested
                + ". Please try again in " + RateLimitStatus.format(r.retryAfter()) + ".";
        return new CompletionException(tokens ? CompletionError.RATE_LIMITED_TOKENS
                : CompletionError.RATE_LIMITED_REQUESTS, message, 0, Optional.of(atLeastASecond(r.retryAfter())));
    }

    private static Duration atLeastASecond(Duration wait) {
        return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
    }
}
