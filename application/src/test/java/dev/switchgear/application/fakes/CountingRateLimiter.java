package dev.switchgear.application.fakes;

import dev.switchgear.application.port.out.limit.RateLimiter;
import dev.switchgear.domain.shared.AccountId;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link RateLimiter} for service tests: plain counters of what each account has used this
 * "minute" (time does not pass), refilled only by {@link #newMinute}; every reset is 30 s.
 */
public class CountingRateLimiter implements RateLimiter {

    public static final Duration RESET = Duration.ofSeconds(30);

    private final Map<AccountId, long[]> used = new HashMap<>();

    @Override
    public synchronized Reservation reserve(AccountId account, Limits limits, long tokens) {
        long[] counts = used.computeIfAbsent(account, a -> new long[2]);
        if (counts[0] + 1 > limits.requestsPerMinute()) {
            return new Reservation(account, limits, tokens, false, Exhausted.REQUESTS, RESET,
                    budget(limits.requestsPerMinute(), counts[0]), budget(limits.tokensPerMinute(), counts[1]), true);
        }
        if (counts[1] + tokens > limits.tokensPerMinute()) {
            return new Reservation(account, limits, tokens, false, Exhausted.TOKENS, RESET,
                    budget(limits.requestsPerMinute(), counts[0]), budget(limits.tokensPerMinute(), counts[1]), true);
        }
        counts[0]++;
        counts[1] += tokens;
        return new Reservation(account, limits, tokens, true, null, Duration.ZERO,
                budget(limits.requestsPerMinute(), counts[0]), budget(limits.tokensPerMinute(), counts[1]), true);
    }

    @Override
    public synchronized void release(Reservation reservation) {
        long[] counts = used.get(reservation.account());
        counts[0]--;
        counts[1] -= reservation.tokens();
    }

    @Override
    public synchronized void trueUp(Reservation reservation, long tokensUsed) {
        used.get(reservation.account())[1] += tokensUsed - reservation.tokens();
    }

    public synchronized long requestsUsed(AccountId account) {
        return used.getOrDefault(account, new long[2])[0];
    }

    public synchronized long tokensUsed(AccountId account) {
        return used.getOrDefault(account, new long[2])[1];
    }

    public synchronized void newMinute() {
        used.clear();
    }

    private static Budget budget(long limit, long used) {
        return new Budget(limit, limit - used, RESET);
    }
}
