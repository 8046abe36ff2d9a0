package dev.switchgear.bootstrap;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.switchgear.adapter.keycloak.KeycloakIdentityProvider;
import dev.switchgear.adapter.keycloak.KeycloakRealm;
import dev.switchgear.application.port.in.credit.AccountChanges;
import dev.switchgear.application.port.in.credit.AccountStandings;
import dev.switchgear.application.port.in.identity.SignInUseCase;
import dev.switchgear.application.port.out.credit.CreditAccountCommands;
import dev.switchgear.application.port.out.identity.IdentityProvider;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.application.service.identity.SignInService;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.web.client.RestTemplate;

/**
 * Sign-in with an OIDC identity provider next to account keys (ADR 0015), present only when
 * {@code switchgear.oidc.issuer-uri} is set. Spring Security does the JWT work: a
 * {@link NimbusJwtDecoder} found through the issuer's discovery document, built on first use (so
 * the gateway starts while the identity provider is still starting) and checking the signature
 * against the issuer's JWKS (refetched when a token names an unknown key, which is how a rotation
 * is picked up), plus {@link #validator} for issuer, lifetime and audience. The
 * {@link SecurityConfiguration} hands JWS-shaped bearers to it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${switchgear.oidc.issuer-uri:}'.isBlank()")
@EnableConfigurationProperties(OidcProperties.class)
class OidcConfiguration {

    @Bean
    JwtDecoder signInTokenDecoder(OidcProperties properties) {
        String issuer = properties.issuerUri().strip();
        OAuth2TokenValidator<Jwt> validator = validator(issuer, properties.audience(), properties.clockSkew());
        SimpleClientHttpRequestFactory http = new SimpleClientHttpRequestFactory();
        http.setConnectTimeout(properties.timeout());
        http.setReadTimeout(properties.timeout());
        RestTemplate rest = new RestTemplate(http);
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).restOperations(rest).build();
            decoder.setJwtValidator(validator);
            return decoder;
        });
    }

    /**
     * What a token with a good signature must also satisfy: our issuer, a subject, an expiry, not
     * expired and already valid (within {@code skew}), and, when {@code audience} is not blank, that audience.
     */
    static OAuth2TokenValidator<Jwt> validator(String issuer, String audience, Duration skew) {
        List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
        checks.add(new JwtIssuerValidator(issuer));
        checks.add(new JwtClaimValidator<Object>(JwtClaimNames.SUB, Objects::nonNull));
        checks.add(new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull));
        checks.add(new JwtTimestampValidator(skew));
        if (audience != null && !audience.isBlank()) {
            checks.add(new JwtAudienceValidator(audience.strip()));
        }
        return new DelegatingOAuth2TokenValidator<>(checks);
    }

    /**
     * Keycloak's admin API when its client is configured; otherwise a directory that knows no tier,
     * so a token without the {@code subscription_tier} claim is on {@code free}.
     */
    @Bean
    IdentityProvider identityProvider(OidcProperties properties) {
        if (!properties.hasDirectory()) {
            return subject -> Optional.empty();
        }
        return new KeycloakIdentityProvider(KeycloakRealm.ofIssuer(URI.create(properties.issuerUri().strip())),
                properties.keycloakClientId(), properties.keycloakClientSecret(), properties.timeout(),
                properties.tierCacheFor(), properties.tierCacheUsers(), Ticker.systemTicker());
    }

    @Bean
    SignInUseCase signInService(CreditLedger ledger, CreditAccountCommands commands, IdentityProvider identityProvider,
                                Clock clock) {
        AccountStandings standings = ledger.standings();
        AccountChanges changes = ledger.changes();
        return new SignInService(standings, changes, commands, identityProvider, clock);
    }
}
