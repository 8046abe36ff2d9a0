package dev.switchgear.adapter.console;

import java.util.Optional;

/**
 * What the console needs to know before anyone signs in, served publicly as
 * {@code GET /console/config.json}: the OIDC issuer and the console's public client id when sign-in
 * through an identity provider is configured. Nothing secret: a public client has no secret, and the
 * issuer is published by the identity provider itself.
 *
 * @param oidcIssuer   the issuer URI whose users may sign in (authorization code with PKCE), if any
 * @param oidcClientId the public client the console signs in as, e.g. {@code switchgear-console}
 */
public record ConsoleSettings(Optional<String> oidcIssuer, String oidcClientId) {

    public ConsoleSettings {
        oidcIssuer = oidcIssuer.map(String::strip).filter(s -> !s.isEmpty());
        if (oidcClientId == null || oidcClientId.isBlank()) {
            throw new IllegalArgumentException("the console's OIDC client id must not be blank");
        }
    }
}
