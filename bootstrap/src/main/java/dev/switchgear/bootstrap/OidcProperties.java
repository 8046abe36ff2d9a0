package dev.switchgear.bootstrap;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code switchgear.oidc.*} (ADR 0015): the OIDC issuer whose bearer JWTs are
 * accepted next to account keys ({@code SWITCHGEAR_OIDC_ISSUER_URI}; empty: keys only), the audience
 * a token must name ({@code SWITCHGEAR_OIDC_AUDIENCE}; empty: not checked), the clock skew allowed on
 * {@code exp}/{@code nbf}, the timeout of discovery and JWKS calls, and the Keycloak admin client
 * that reads users' {@code subscription_tier} attribute ({@code SWITCHGEAR_KEYCLOAK_CLIENT_ID} /
 * {@code _SECRET}; empty: tiers come from the token's claim alone), with its cache bound (at most 60 s).
 */
@ConfigurationProperties("switchgear.oidc")
public record OidcProperties(@DefaultValue("") String issuerUri,
                             @DefaultValue("") String audience,
                             @DefaultValue("30s") Duration clockSkew,
                             @DefaultValue("5s") Duration timeout,
                             @DefaultValue("") String keycloakClientId,
                             @DefaultValue("") String keycloakClientSecret,
                             @DefaultValue("60s") Duration tierCacheFor,
                             @DefaultValue("100000") long tierCacheUsers) {

    /** The longest a user's tier may be cached (issue #12). */
    public static final Duration MAX_TIER_CACHE = Duration.ofSeconds(60);

    public OidcProperties {
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("switchgear.oidc.clock-skew must be between 0 and 5 minutes");
        }
        if (tierCacheFor.isNegative() || tierCacheFor.compareTo(MAX_TIER_CACHE) > 0) {
            throw new IllegalArgumentException("switchgear.oidc.tier-cache-for must be between 0 and 60 s");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("switchgear.oidc.timeout must be positive");
        }
    }

    /** Whether the directory (Keycloak's admin API) is configured. */
    boolean hasDirectory() {
        return !keycloakClientId.isBlank() && !keycloakClientSecret.isBlank();
    }
}
