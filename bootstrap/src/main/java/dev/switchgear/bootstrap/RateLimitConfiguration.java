package dev.switchgear.bootstrap;

import dev.switchgear.adapter.limits.InMemoryRateLimiter;
import dev.switchgear.adapter.limits.RedisRateLimiter;
import dev.switchgear.application.port.out.limit.RateLimiter;
import dev.switchgear.application.service.completion.RateLimitGate;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.application.service.limit.RateLimitsService;
import dev.switchgear.application.service.limit.TierRateLimits;
import dev.switchgear.domain.shared.Tier;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Per-account rate limits (ADR 0017): Bucket4j buckets in this gateway's memory, or in the Redis
 * that {@code SWITCHGEAR_REDIS_URL} names, shared by every gateway that uses it; the tiers'
 * limits from configuration; the gate the completion path passes and the limits' use case.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
public class RateLimitConfiguration {

    /** The Redis limiter is closed with the context (Spring closes an AutoCloseable bean). */
    @Bean
    RateLimiter rateLimiter(LimitsProperties properties) {
        String url = properties.redisUrl();
        return url == null || url.isBlank() ? new InMemoryRateLimiter()
                : new RedisRateLimiter(url.strip(), properties.redisTimeout());
    }

    /** {@code switchgear.ratelimit.unenforced}: operations that let a request pass because Redis was unreachable. */
    @Bean
    MeterBinder rateLimiterMeters(RateLimiter limiter) {
        return registry -> {
            if (limiter instanceof RedisRateLimiter redis) {
                FunctionCounter.builder("switchgear.ratelimit.unenforced", redis, RedisRateLimiter::failures)
                        .description("Rate-limit operations that failed open because Redis was unreachable")
                        .register(registry);
            }
        };
    }

    @Bean
    TierRateLimits tierRateLimits(LimitsProperties properties) {
        Map<Tier, RateLimiter.Limits> byTier = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            LimitsProperties.Tier configured = properties.tiers() == null ? null : properties.tiers().get(tier.code());
            RateLimiter.Limits fallback = TierRateLimits.DEFAULTS.of(tier);
            byTier.put(tier, configured == null ? fallback : new RateLimiter.Limits(
                    configured.requestsPerMinute() > 0 ? configured.requestsPerMinute() : fallback.requestsPerMinute(),
                    configured.tokensPerMinute() > 0 ? configured.tokensPerMinute() : fallback.tokensPerMinute()));
        }
        return new TierRateLimits(byTier);
    }

    @Bean
    RateLimitGate rateLimitGate(RateLimiter limiter, CreditLedger ledger, TierRateLimits tiers,
                                LimitsProperties properties) {
        return new RateLimitGate(limiter, ledger.standings(), tiers, properties.defaultOutputTokens());
    }

    @Bean
    RateLimitsService rateLimitsService(CreditLedger ledger, TierRateLimits tiers, Clock clock) {
        return new RateLimitsService(ledger.standings(), ledger.changes(), tiers, clock);
    }
}
