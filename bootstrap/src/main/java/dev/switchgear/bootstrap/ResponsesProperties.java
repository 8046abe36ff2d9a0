package dev.switchgear.bootstrap;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchgear.responses.*}: how long a stored response of the Responses API is kept
 * ({@code SWITCHGEAR_RESPONSES_RETENTION}, OpenAI's 30 days by default) and how often the expired
 * ones are deleted (ADR 0021).
 *
 * @param retention    how long a stored response can be read and continued; positive
 * @param purgeEvery   how often expired responses are deleted
 */
@ConfigurationProperties("switchgear.responses")
public record ResponsesProperties(@DefaultValue("30d") Duration retention, @DefaultValue("1h") Duration purgeEvery) {

    public ResponsesProperties {
        retention = retention == null ? Duration.ofDays(30) : retention;
        purgeEvery = purgeEvery == null ? Duration.ofHours(1) : purgeEvery;
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("switchgear.responses.retention must be positive");
        }
        if (purgeEvery.isNegative() || purgeEvery.isZero()) {
            throw new IllegalArgumentException("switchgear.responses.purge-every must be positive");
        }
    }
}
