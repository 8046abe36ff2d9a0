package dev.switchgear.application.service.limit;

import dev.switchgear.application.port.in.credit.AccountStanding;
import dev.switchgear.application.port.out.limit.RateLimiter;
import dev.switchgear.domain.shared.Tier;
import java.util.EnumMap;
import java.util.Map;

/**
 * The rate limits of each tier, as configured (ADR 0017), and the limits in force on an account:
 * its tier's, each replaced by the administrator's override where one is set.
 */
public final class TierRateLimits {

    /** The defaults: free 10 / 10k, starter 100 / 100k, professional 500 / 500k, enterprise 2,000 / 2M a minute. */
    public static final TierRateLimits DEFAULTS = new TierRateLimits(Map.of(
            Tier.FREE, new RateLimiter.Limits(10, 10_000),
            Tier.STARTER, new RateLimiter.Limits(100, 100_000),
            Tier.PROFESSIONAL, new RateLimiter.Limits(500, 500_000),
            Tier.ENTERPRISE, new RateLimiter.Limits(2_000, 2_000_000)));

    private final Map<Tier, RateLimiter.Limits> byTier;

    /** @param byTier the limits of every tier */
    public TierRateLimits(Map<Tier, RateLimiter.Limits> byTier) {
        EnumMap<Tier, RateLimiter.Limits> copy = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            RateLimiter.Limits limits = byTier.get(tier);
            if (limits == null) {
                throw new IllegalArgumentException("no rate limits for the " + tier.code() + " tier");
            }
            copy.put(tier, limits);
        }
        this.byTier = copy;
    }

    public RateLimiter.Limits of(Tier tier) {
        return byTier.get(tier);
    }

    /** The limits in force on an account standing as {@code standing}. */
    public RateLimiter.Limits inForce(AccountStanding standing) {
        RateLimiter.Limits tier = of(standing.tier());
        return new RateLimiter.Limits(
                standing.requestsPerMinute().map(Integer::longValue).orElse(tier.requestsPerMinute()),
                standing.tokensPerMinute().orElse(tier.tokensPerMinute()));
    }
}
