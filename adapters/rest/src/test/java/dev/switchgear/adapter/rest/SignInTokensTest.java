package dev.switchgear.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.port.in.identity.SignInUseCase;
import dev.switchgear.application.port.in.identity.VerifiedIdentity;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * How a bearer JWT is told from a key, how a verified token's claims become an identity, and how
 * the decoder's refusals and outages are reported (ADR 0015). The decoder here is a stand-in for
 * Spring's {@code NimbusJwtDecoder}, which bootstrap's end-to-end test runs against a real Keycloak.
 */
class SignInTokensTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

    private final List<VerifiedIdentity> signedIn = new ArrayList<>();
    private final SignInUseCase signIn = identity -> {
        signedIn.add(identity);
        if (!identity.subject().contains("-")) {
            throw new IdentityException(IdentityError.UNAUTHENTICATED, "no account");
        }
        return Caller.signedIn(new AccountId(identity.subject()), identity.admin());
    };

    @Test
    void aJwsShapedBearerIsASignInTokenOnlyWhenTheyAreAccepted() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", "Bearer " + TOKEN);

        assertThat(new ApiKeyAuthenticationConverter(true).convert(request))
                .isInstanceOfSatisfying(BearerTokenAuthenticationToken.class, t -> assertThat(t.getToken()).isEqualTo(TOKEN));
        assertThat(new ApiKeyAuthenticationConverter(false).convert(request)).isInstanceOf(ApiKeyAuthentication.class);
        assertThat(new ApiKeyAuthenticationConverter().convert(request)).isInstanceOf(ApiKeyAuthentication.class);
    }

    @Test
    void keysAndOtherBearersStayKeysWhenSignInTokensAreAccepted() {
        for (String bearer : List.of("sg-" + "a".repeat(43), "sg-admin-test-key-000000000000", "a.b", "a.b.c.d",
                "' OR 1=1 --.x.y", "a..b", "")) {
            MockHttpServletRequest request = new MockHttpServletRequest();
            request.addHeader("Authorization", "Bearer " + bearer);
            assertThat(new ApiKeyAuthenticationConverter(true).convert(request)).as(bearer)
                    .isInstanceOf(ApiKeyAuthentication.class);
        }
        MockHttpServletRequest anthropic = new MockHttpServletRequest();
        anthropic.addHeader("x-api-key", TOKEN);
        assertThat(new ApiKeyAuthenticationConverter(true).convert(anthropic)).isInstanceOf(ApiKeyAuthentication.class);
    }

    @Test
    void theClaimsBecomeTheIdentityAndTheCallerThePrincipal() {
        String subject = UUID.randomUUID().toString();
        Jwt jwt = jwt(Map.of("sub", subject, "preferred_username", "ada", "subscription_tier", "starter",
                "realm_access", Map.of("roles", List.of("offline_access", "switchgear-admin"))));

        SignedInAuthentication authentication = new JwtSignIn(signIn).convert(jwt);

        assertThat(signedIn).containsExactly(new VerifiedIdentity(subject, "ada", Optional.of("starter"), true));
        assertThat(authentication.getPrincipal()).isEqualTo(Caller.signedIn(new AccountId(subject), true));
        assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_ACCOUNT", "ROLE_ADMIN");
        assertThat(authentication.getCredentials()).isNull();
        assertThat(authentication.toString()).doesNotContain(TOKEN);
    }

    @Test
    void aOneElementArrayIsATierAndAnyOtherFormIsNone() {
        String subject = UUID.randomUUID().toString();
        JwtSignIn converter = new JwtSignIn(signIn);

        converter.convert(jwt(Map.of("sub", subject, "subscription_tier", List.of("professional"))));
        converter.convert(jwt(Map.of("sub", subject, "subscription_tier", List.of("free", "enterprise"))));
        converter.convert(jwt(Map.of("sub", subject, "subscription_tier", 3, "name", "Ada L.")));
        SignedInAuthentication plain = converter.convert(jwt(Map.of("sub", subject,
                "realm_access", Map.of("roles", List.of("user")))));

        assertThat(signedIn).extracting(VerifiedIdentity::tierClaim)
                .containsExactly(Optional.of("professional"), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(signedIn.get(2).displayName()).isEqualTo("Ada L.");
        assertThat(plain.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_ACCOUNT");
    }

    @Test
    void aSubjectNamingNoAccountIsAnInvalidToken() {
        SignInTokenProvider provider = new SignInTokenProvider(token -> jwt(Map.of("sub", "alice")), new JwtSignIn(signIn));

        assertThatThrownBy(() -> provider.authenticate(new BearerTokenAuthenticationToken(TOKEN)))
                .isInstanceOf(SignInTokenProvider.InvalidSignInToken.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    @Test
    void aTokenTheDecoderRefusesIsAnInvalidTokenAndNeverSignsIn() {
        SignInTokenProvider provider = new SignInTokenProvider(token -> {
            throw new BadJwtException("Signed JWT rejected: Invalid signature " + token);
        }, new JwtSignIn(signIn));

        assertThatThrownBy(() -> provider.authenticate(new BearerTokenAuthenticationToken(TOKEN)))
                .isInstanceOf(SignInTokenProvider.InvalidSignInToken.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
        assertThat(signedIn).isEmpty();
    }

    @Test
    void anIdentityProviderWhoseKeysCannotBeFetchedIsUnavailableNotARefusal() {
        SignInTokenProvider unreachable = new SignInTokenProvider(token -> {
            throw new JwtException("Couldn't retrieve remote JWK set");
        }, new JwtSignIn(signIn));
        SignInTokenProvider notStarted = new SignInTokenProvider(token -> {
            throw new JwtDecoderInitializationException("no discovery", new IllegalStateException());
        }, new JwtSignIn(signIn));

        for (SignInTokenProvider provider : List.of(unreachable, notStarted)) {
            assertThatThrownBy(() -> provider.authenticate(new BearerTokenAuthenticationToken(TOKEN)))
                    .isExactlyInstanceOf(AuthenticationServiceException.class);
        }
    }

    @Test
    void theProviderTakesOnlySignInTokens() {
        SignInTokenProvider provider = new SignInTokenProvider(token -> jwt(Map.of("sub", "x")), new JwtSignIn(signIn));
        assertThat(provider.supports(BearerTokenAuthenticationToken.class)).isTrue();
        assertThat(provider.supports(ApiKeyAuthentication.class)).isFalse();
        Authentication ok = new SignInTokenProvider(token -> jwt(Map.of("sub", UUID.randomUUID().toString())),
                new JwtSignIn(signIn)).authenticate(new BearerTokenAuthenticationToken(TOKEN));
        assertThat(ok.isAuthenticated()).isTrue();
    }

    private static Jwt jwt(Map<String, Object> claims) {
        return Jwt.withTokenValue(TOKEN).header("alg", "RS256").claims(c -> c.putAll(claims))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300)).build();
    }
}
