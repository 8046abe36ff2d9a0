package dev.switchgear.adapter.keycloak;

import java.net.URI;
import java.util.Objects;

/**
 * A Keycloak realm as its OIDC issuer names it: {@code <server>/realms/<realm>} (Keycloak's issuer
 * form since version 17; a server under a context path such as {@code /auth} keeps it).
 */
public record KeycloakRealm(String serverUrl, String name) {

    private static final String REALMS = "/realms/";

    public KeycloakRealm {
        Objects.requireNonNull(serverUrl, "serverUrl");
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("a realm needs a name without '/'");
        }
    }

    /** The realm an issuer URI such as {@code http://127.0.0.1:8180/realms/switchgear} names. */
    public static KeycloakRealm ofIssuer(URI issuer) {
        String text = issuer.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        int at = text.lastIndexOf(REALMS);
        if (issuer.getScheme() == null || issuer.getHost() == null || at < 0) {
            throw new IllegalArgumentException("a Keycloak issuer looks like https://host/realms/<realm>: " + issuer);
        }
        return new KeycloakRealm(text.substring(0, at), text.substring(at + REALMS.length()));
    }
}
