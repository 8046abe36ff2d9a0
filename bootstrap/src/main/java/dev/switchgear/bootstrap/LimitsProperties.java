package dev.switchgear.bootstrap;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchgear.limits.*}: the rate limits of each tier, the output a request without
 * {@code max_tokens} is estimated to use, and where limits are shared (ADR 0017).
 *
 * @param redisUrl            {@code SWITCHGEAR_REDIS_URL}: share the limits through this Redis; unset, each
 *                            gateway keeps its own in memory
 * @param redisTimeout        how long a Redis command may take before the request passes unlimited
 * @param defaultOutputTokens the output allowance reserved for a request that sets no {@code max_tokens}
 * @param tiers               per tier ({@code free}, {@code starter}, {@code professional}, {@code enterprise})
 */
@ConfigurationProperties("switchgear.limits")
public record LimitsProperties(String redisUrl, @DefaultValue("500ms") Duration redisTimeout,
                               @DefaultValue("512") int defaultOutputTokens, Map<String, Tier> tiers) {

    /** One tier's limits a minute. */
    public record Tier(long requestsPerMinute, long tokensPerMinute) {
    }
}
