package dev.switchgear.adapter.rest;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads the key a request presents: {@code Authorization: Bearer <key>} (OpenAI's SDKs) or
 * {@code x-api-key: <key>} (Anthropic's). No credential at all gives null, so the request stays
 * anonymous and is answered 401 "no key" if its route needs a caller; an {@code Authorization}
 * header of another scheme is a credential we cannot accept, checked as an empty key (401 "incorrect
 * key", and counted as a failed attempt). Keys are never read from cookies or query parameters.
 *
 * <p>When sign-in tokens are accepted (ADR 0015), a bearer shaped like a JWS (three base64url
 * segments; our keys hold no dot) is handed on as Spring's {@link BearerTokenAuthenticationToken}
 * for the identity provider's JWT check; anything else stays a key. Otherwise a JWS-shaped bearer is
 * just a wrong key.
 */
public final class ApiKeyAuthenticationConverter implements AuthenticationConverter {

    private static final String BEARER = "Bearer ";
    private static final Pattern JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private final boolean signInTokens;

    /** A converter for keys only. */
    public ApiKeyAuthenticationConverter() {
        this(false);
    }

    /** @param signInTokens whether JWS-shaped bearers go to the identity provider's check */
    public ApiKeyAuthenticationConverter(boolean signInTokens) {
        this.signInTokens = signInTokens;
    }

    @Override
    public Authentication convert(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null) {
            String bearer = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    ? header.substring(BEARER.length()).strip() : "";
            if (signInTokens && JWS.matcher(bearer).matches()) {
                return new BearerTokenAuthenticationToken(bearer);
            }
            return ApiKeyAuthentication.unauthenticated(bearer);
        }
        String anthropicKey = request.getHeader("x-api-key");
        return anthropicKey == null ? null : ApiKeyAuthentication.unauthenticated(anthropicKey.strip());
    }

    /** Whether the request presents any credential, in a form we accept or not. */
    public boolean presentsCredential(HttpServletRequest request) {
        return request.getHeader("Authorization") != null || request.getHeader("x-api-key") != null;
    }
}
