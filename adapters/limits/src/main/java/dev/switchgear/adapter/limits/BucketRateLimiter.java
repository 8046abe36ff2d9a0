package dev.switchgear.adapter.limits;

import dev.switchgear.application.port.out.limit.RateLimiter;
import dev.switchgear.domain.shared.AccountId;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.VerboseResult;
import java.time.Duration;

/**
 * The rate limits on Bucket4j buckets, two per account ({@code switchgear:ratelimit:<account>:requests}
 * and {@code …:tokens}), wherever the buckets live (ADR 0017). Each budget refills intervally: its
 * whole limit comes back once a minute after the bucket was first used, so exactly the limit passes
 * in a minute however many ask at once, and the reset a response reports is the time to that
 * refill. Only Bucket4j's own atomic operations are used: try-consume with remaining, add-tokens to
 * give back, consume-ignoring-rate-limits for use above a reservation. When the limit in force
 * differs from the one a bucket was made with (an administrator's override, a tier change), the
 * bucket's configuration is replaced by Bucket4j's {@link TokensInheritanceStrategy#ADDITIVE}: a
 * raised limit adds the difference to what remains, a lowered one caps what remains at the new limit.
 */
abstract class BucketRateLimiter implements RateLimiter {

    static final Duration PERIOD = Duration.ofMinutes(1);
    static final String REQUESTS = "requests";
    static final String TOKENS = "tokens";

    /** The bucket under {@code key}, made with {@code limit} a minute if it does not exist yet. */
    abstract Bucket bucket(String key, long limit);

    /**
     * The limits' store failed: the request is let through unlimited (fail open). Implementations
     * that cannot fail never see this.
     */
    void unavailable(RuntimeException failure) {
        throw failure;
    }

    static String key(AccountId account, String budget) {
        return "switchgear:ratelimit:" + account.value() + ":" + budget;
    }

    static BucketConfiguration configuration(long limit) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limit).refillIntervally(limit, PERIOD).build())
                .build();
    }

    @Override
    public Reservation reserve(AccountId account, Limits limits, long tokens) {
        try {
            Bucket requests = bucket(key(account, REQUESTS), limits.requestsPerMinute());
            Bucket tokenBucket = bucket(key(account, TOKENS), limits.tokensPerMinute());
            VerboseResult<ConsumptionProbe> request = consume(requests, 1, limits.requestsPerMinute());
            if (!request.getValue().isConsumed()) {
                return new Reservation(account, limits, tokens, false, Exhausted.REQUESTS,
                        wait(request.getValue().getNanosToWaitForRefill(), request),
                        budget(limits.requestsPerMinute(), request), peek(tokenBucket, limits.tokensPerMinute()), true);
            }
            if (tokens == 0) {
                return new Reservation(account, limits, 0, true, null, Duration.ZERO,
                        budget(limits.requestsPerMinute(), request), peek(tokenBucket, limits.tokensPerMinute()), true);
            }
            VerboseResult<ConsumptionProbe> taken = consume(tokenBucket, tokens, limits.tokensPerMinute());
            if (!taken.getValue().isConsumed()) {
                requests.addTokens(1);
                Budget given = budget(limits.requestsPerMinute(), request);
                return new Reservation(account, limits, tokens, false, Exhausted.TOKENS,
                        wait(taken.getValue().getNanosToWaitForRefill(), taken),
                        new Budget(given.limit(), given.remaining() + 1, given.reset()),
                        budget(limits.tokensPerMinute(), taken), true);
            }
            return new Reservation(account, limits, tokens, true, null, Duration.ZERO,
                    budget(limits.requestsPerMinute(), request), budget(limits.tokensPerMinute(), taken), true);
        } catch (RuntimeException e) {
            unavailable(e);
            return Reservation.unenforced(account, limits, tokens);
        }
    }

    @Override
    public void release(Reservation reservation) {
        if (!reservation.admitted() || !reservation.enforced()) {
            return;
        }
        try {
            bucket(key(reservation.account(), REQUESTS), reservation.limits().requestsPerMinute()).addTokens(1);
            if (reservation.tokens() > 0) {
                bucket(key(reservation.account(), TOKENS), reservation.limits().tokensPerMinute())
                        .addTokens(reservation.tokens());
            }
        } catch (RuntimeException e) {
            unavailable(e);
        }
    }

    @Override
    public void trueUp(Reservation reservation, long tokensUsed) {
        if (tokensUsed < 0) {
            throw new IllegalArgumentException("tokens used cannot be negative");
        }
        if (!reservation.admitted() || !reservation.enforced() || tokensUsed == reservation.tokens()) {
            return;
        }
        try {
            Bucket tokens = bucket(key(reservation.account(), TOKENS), reservation.limits().tokensPerMinute());
            if (tokensUsed < reservation.tokens()) {
                tokens.addTokens(reservation.tokens() - tokensUsed);
            } else {
                tokens.consumeIgnoringRateLimits(tokensUsed - reservation.tokens());
            }
        } catch (RuntimeException e) {
            unavailable(e);
        }
    }

    /**
     * Tries to take {@code amount} from the bucket; when the bucket was made with another limit, what
     * was taken goes back, the configuration is replaced and the try is made again.
     */
    private static VerboseResult<ConsumptionProbe> consume(Bucket bucket, long amount, long limit) {
        VerboseResult<ConsumptionProbe> result = bucket.asVerbose().tryConsumeAndReturnRemaining(amount);
        if (capacity(result) == limit) {
            return result;
        }
        if (result.getValue().isConsumed()) {
            bucket.addTokens(amount);
        }
        bucket.replaceConfiguration(configuration(limit), TokensInheritanceStrategy.ADDITIVE);
        return bucket.asVerbose().tryConsumeAndReturnRemaining(amount);
    }

    private static Budget peek(Bucket bucket, long limit) {
        VerboseResult<Long> available = bucket.asVerbose().getAvailableTokens();
        return new Budget(limit, Math.max(0, available.getValue()),
                Duration.ofNanos(available.getDiagnostics().calculateFullRefillingTime()));
    }

    private static long capacity(VerboseResult<?> result) {
        return result.getConfiguration().getBandwidths()[0].getCapacity();
    }

    private static Budget budget(long limit, VerboseResult<ConsumptionProbe> result) {
        return new Budget(limit, Math.max(0, result.getValue().getRemainingTokens()),
                Duration.ofNanos(result.getDiagnostics().calculateFullRefillingTime()));
    }

    /** How long until the amount could be taken; a request larger than the limit never can: a period. */
    private static Duration wait(long nanos, VerboseResult<ConsumptionProbe> result) {
        long cap = Math.max(PERIOD.toNanos(), result.getDiagnostics().calculateFullRefillingTime());
        return Duration.ofNanos(nanos <= 0 || nanos > cap ? PERIOD.toNanos() : nanos);
    }
}
