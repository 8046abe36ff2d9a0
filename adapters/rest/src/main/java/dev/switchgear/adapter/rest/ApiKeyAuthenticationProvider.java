package dev.switchgear.adapter.rest;

import dev.switchgear.application.port.in.identity.AuthenticateUseCase;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Checks a presented key with {@link AuthenticateUseCase}: the admin key or a live account key
 * becomes an authenticated {@link ApiKeyAuthentication}; anything else is a
 * {@link BadCredentialsException} (whose message never contains the key).
 */
public final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticateUseCase authenticate;

    public ApiKeyAuthenticationProvider(AuthenticateUseCase authenticate) {
        this.authenticate = authenticate;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String key = ((ApiKeyAuthentication) authentication).getCredentials();
        if (key == null || key.isEmpty()) {
            throw new BadCredentialsException("Incorrect API key provided.");
        }
        return authenticate.authenticate(key).map(ApiKeyAuthentication::authenticated)
                .orElseThrow(() -> new BadCredentialsException("Incorrect API key provided."));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiKeyAuthentication.class.isAssignableFrom(authentication);
    }
}
