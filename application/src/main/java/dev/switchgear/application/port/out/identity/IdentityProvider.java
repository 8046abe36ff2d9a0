package dev.switchgear.application.port.out.identity;

import java.util.Optional;

/**
 * The identity provider's directory of users (Keycloak's, in production): what it holds for a
 * user beyond what their token says. Answers may be cached by the implementation for a bounded time.
 */
public interface IdentityProvider {

    /**
     * The {@code subscription_tier} the provider holds for the user {@code subject}, as it holds it
     * (a tier code, not checked here); empty when the user has none or is unknown.
     *
     * @throws IdentityProviderUnavailable when the provider cannot be asked now
     */
    Optional<String> tierOf(String subject);
}
