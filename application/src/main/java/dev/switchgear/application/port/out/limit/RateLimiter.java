package dev.switchgear.application.port.out.limit;

import dev.switchgear.domain.shared.AccountId;
import java.time.Duration;
import java.util.Objects;

/**
 * Per-account rate limits over two budgets a minute — requests and tokens (ADR 0017). A request is
 * {@linkplain #reserve reserved} at admission: one request and the tokens it is estimated to use,
 * both or neither; it is then {@linkplain #trueUp trued up} to the tokens it actually used, or
 * {@linkplain #release released} (nothing consumed) when it was refused before any upstream call.
 * Implementations keep the budgets in this process or share them between gateways (Redis); every
 * operation on one budget is atomic.
 */
public interface RateLimiter {

    /**
     * Takes one request and {@code tokens} tokens of the account's budgets under {@code limits}, or
     * neither: when the token budget refuses, the request taken is given back. A refused
     * reservation holds nothing.
     */
    Reservation reserve(AccountId account, Limits limits, long tokens);

    /** Gives back everything an admitted reservation took: the request was refused before it was made. */
    void release(Reservation reservation);

    /**
     * Settles an admitted reservation at the tokens actually used: the unused rest goes back to the
     * token budget, use above the reservation is taken even past the limit (the budget owes it).
     */
    void trueUp(Reservation reservation, long tokensUsed);

    /** An account's limits a minute. */
    record Limits(long requestsPerMinute, long tokensPerMinute) {
        public Limits {
            if (requestsPerMinute < 1 || tokensPerMinute < 1) {
                throw new IllegalArgumentException("rate limits are at least 1 a minute");
            }
        }
    }

    /** One budget after an operation: its limit, what remains, and when it is whole again. */
    record Budget(long limit, long remaining, Duration reset) {
        public Budget {
            Objects.requireNonNull(reset, "reset");
        }
    }

    /** Which budget refused a reservation. */
    enum Exhausted { REQUESTS, TOKENS }

    /**
     * The outcome of {@link #reserve}: admitted or not ({@code exhausted} names the budget that
     * refused and {@code retryAfter} when the reservation could succeed), the state of both budgets
     * afterwards, and {@code enforced}: false when the limits could not be consulted (their store
     * was unreachable) and the request was let through unlimited, with no budgets to report.
     */
    record Reservation(AccountId account, Limits limits, long tokens, boolean admitted, Exhausted exhausted,
                       Duration retryAfter, Budget requests, Budget tokenBudget, boolean enforced) {

        public Reservation {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(limits, "limits");
            if (tokens < 0) {
                throw new IllegalArgumentException("a reservation holds zero or more tokens");
            }
            if (admitted != (exhausted == null)) {
                throw new IllegalArgumentException("a refused reservation names the budget that refused it");
            }
            if (enforced && (requests == null || tokenBudget == null)) {
                throw new IllegalArgumentException("an enforced reservation reports both budgets");
            }
        }

        /** A reservation let through because the limits could not be consulted. */
        public static Reservation unenforced(AccountId account, Limits limits, long tokens) {
            return new Reservation(account, limits, tokens, true, null, Duration.ZERO, null, null, false);
        }
    }
}
