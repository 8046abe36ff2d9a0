package dev.switchgear.adapter.rest;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Checks a bearer JWT from the identity provider (ADR 0015) with Spring Security's
 * {@link JwtAuthenticationProvider} over the given decoder (signature against the issuer's JWKS,
 * issuer, lifetime, audience), then signs the user in with {@link JwtSignIn}. Every refusal becomes
 * an {@link InvalidSignInToken} (401, counted like a wrong key; its message never holds the token);
 * an identity provider that cannot be reached for its keys becomes an
 * {@link AuthenticationServiceException} (503, not counted).
 */
public final class SignInTokenProvider implements AuthenticationProvider {

    private final JwtAuthenticationProvider jwt;

    public SignInTokenProvider(JwtDecoder decoder, JwtSignIn signIn) {
        this.jwt = new JwtAuthenticationProvider(decoder);
        this.jwt.setJwtAuthenticationConverter(signIn);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        try {
            return jwt.authenticate(authentication);
        } catch (AuthenticationServiceException | JwtDecoderInitializationException unreachable) {
            throw new AuthenticationServiceException("The identity provider cannot be reached.");
        } catch (AuthenticationException refused) {
            throw new InvalidSignInToken();
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** A bearer JWT that is not valid: bad signature, wrong issuer or audience, expired, or naming no account. */
    public static final class InvalidSignInToken extends BadCredentialsException {

        public InvalidSignInToken() {
            super("The bearer token is not valid.");
        }
    }
}
