package dev.switchgear.bootstrap;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Gateway API keys (ADR 0016), under {@code switchgear.keys}: how long a key lookup (a live key, or a
 * hash that is unknown or revoked) is remembered — the bound on how long a revocation or expiry
 * made on another node goes unnoticed here; how many of each are remembered; how often the
 * last-use times are written.
 */
@ConfigurationProperties("switchgear.keys")
public record KeysProperties(@DefaultValue("30s") Duration cacheTtl, @DefaultValue("100000") long cacheSize,
                             @DefaultValue("5s") Duration lastUsedFlush) {

    public KeysProperties {
        if (cacheTtl.isNegative() || cacheTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("switchgear.keys.cache-ttl must be 0 to 1h");
        }
        if (cacheSize < 1) {
            throw new IllegalArgumentException("switchgear.keys.cache-size must be at least 1");
        }
        if (lastUsedFlush.toMillis() < 10) {
            throw new IllegalArgumentException("switchgear.keys.last-used-flush must be at least 10ms");
        }
    }
}
