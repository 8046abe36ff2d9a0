package dev.switchgear.adapter.rest;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads the key a request presents: {@code Authorization: Bearer <key>} (OpenAI's SDKs) or
 * {@code x-api-key: <key>} (Anthropic's). No credential at all gives null, so the request stays
 * anonymous and is answered 401 "no key" if its route needs a caller; an {@code Authorization}
 * header of another scheme is a credential we cannot accept, checked as an empty key (401 "incorrect
 * key", and counted as a failed attempt). Keys are never read from cookies or query parameters.
 */
public final class ApiKeyAuthenticationConverter implements AuthenticationConverter {

    private static final String BEARER = "Bearer ";

    @Override
    public ApiKeyAuthentication convert(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null) {
            return ApiKeyAuthentication.unauthenticated(
                    header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                            ? header.substring(BEARER.length()).strip() : "");
        }
        String anthropicKey = request.getHeader("x-api-key");
        return anthropicKey == null ? null : ApiKeyAuthentication.unauthenticated(anthropicKey.strip());
    }

    /** Whether the request presents any credential, in a form we accept or not. */
    public boolean presentsCredential(HttpServletRequest request) {
        return request.getHeader("Authorization") != null || request.getHeader("x-api-key") != null;
    }
}
