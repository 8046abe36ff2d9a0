package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The checks a correctly signed token must still pass (ADR 0015), on Spring's {@link NimbusJwtDecoder}
 * with {@link OidcConfiguration#validator}: tokens signed with the decoder's own key, so that each
 * refusal here is the validator's and not the signature's. (The end-to-end test sends such tokens,
 * and Keycloak's own, to a gateway.)
 */
class OidcTokenValidationTest {

    private static final String ISSUER = "http://127.0.0.1:8180/realms/switchgear";
    private static final String AUDIENCE = "switchgear-gateway";

    private final RSAKey key = generate();
    private final NimbusJwtDecoder withAudience = decoder(AUDIENCE);
    private final NimbusJwtDecoder withoutAudience = decoder("");

    @Test
    void aTokenOfTheIssuerForTheAudienceWithinItsLifetimeIsAccepted() {
        Jwt jwt = withAudience.decode(sign(c -> c));
        assertThat(jwt.getIssuer().toString()).isEqualTo(ISSUER);
        assertThat(withoutAudience.decode(sign(c -> c.audience("anyone"))).getAudience()).containsExactly("anyone");
    }

    @Test
    void anotherIssuerIsRefused() {
        refused(withAudience, sign(c -> c.issuer("http://localhost:8180/realms/switchgear")), "iss");
        refused(withAudience, sign(c -> c.issuer(null)), "iss");
    }

    @Test
    void anotherAudienceIsRefusedWhenOneIsConfigured() {
        refused(withAudience, sign(c -> c.audience("account")), "aud");
        refused(withAudience, sign(c -> c.audience((String) null)), "aud");
    }

    @Test
    void anExpiredTokenIsRefusedBeyondTheClockSkew() {
        Instant issued = Instant.now().minusSeconds(400);
        refused(withAudience, sign(c -> c.issueTime(Date.from(issued))
                .expirationTime(Date.from(Instant.now().minusSeconds(31)))), "expired");
        withAudience.decode(sign(c -> c.issueTime(Date.from(issued))
                .expirationTime(Date.from(Instant.now().minusSeconds(20)))));
    }

    @Test
    void aTokenNotYetValidIsRefusedBeyondTheClockSkew() {
        refused(withAudience, sign(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(120)))), "used before");
        withAudience.decode(sign(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(20)))));
    }

    @Test
    void aTokenWithoutExpiryOrSubjectIsRefused() {
        refused(withAudience, sign(c -> c.expirationTime(null)), "exp");
        refused(withAudience, sign(c -> c.subject(null)), "sub");
    }

    private static void refused(NimbusJwtDecoder decoder, String token, String claim) {
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining(claim);
    }

    private NimbusJwtDecoder decoder(String audience) {
        try {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
            decoder.setJwtValidator(OidcConfiguration.validator(ISSUER, audience, Duration.ofSeconds(30)));
            return decoder;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet claims = change.apply(new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE)
                .subject(UUID.randomUUID().toString()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
