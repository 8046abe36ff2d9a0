package dev.switchgear.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.keycloak.admin.client.Keycloak;

/**
 * Tokens from the test realm's token endpoint, as a client of the realm gets them (the password
 * grant of a public client, client credentials of a confidential one), and the master realm's admin
 * client for changing users. Passwords and client secrets are the test realm's, nothing else's.
 */
final class KeycloakTokens {

    static final String CLI = "switchgear-cli";
    static final String WEB = "switchgear-web";
    static final String OTHER_APP = "other-app";
    static final String SHORT_LIVED = "short-lived";
    static final String BATCH = "switchgear-batch";
    static final String BATCH_SECRET = "batch-secret-for-tests-only";
    static final String GATEWAY_CLIENT = "switchgear-gateway";
    static final String GATEWAY_SECRET = "gateway-secret-for-tests-only";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakServer keycloak;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    KeycloakTokens(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    /** A user's access token from the password grant of public client {@code client}. */
    String password(String client, String user) {
        return password(keycloak.baseUrl(), client, user);
    }

    /** The same, asked at another base URL of the same server (its tokens name that URL as issuer). */
    String password(String baseUrl, String client, String user) {
        return token(baseUrl, Map.of("grant_type", "password", "client_id", client, "username", user,
                "password", "pw-" + user + "-1"));
    }

    /** A service account's access token from the client-credentials grant. */
    String clientCredentials(String client, String secret) {
        return token(keycloak.baseUrl(), Map.of("grant_type", "client_credentials", "client_id", client,
                "client_secret", secret));
    }

    /** The payload of a JWT, decoded (no check: for looking at what a test received). */
    static JsonNode claims(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The realm's published signing keys (its JWKS). */
    String jwks() {
        return get(keycloak.issuer() + "/protocol/openid-connect/certs");
    }

    /** Keycloak's admin client, signed in to the master realm as the bootstrap administrator. */
    Keycloak admin() {
        return Keycloak.getInstance(keycloak.baseUrl(), "master", KeycloakServer.ADMIN_USER,
                KeycloakServer.ADMIN_PASSWORD, "admin-cli");
    }

    private String token(String baseUrl, Map<String, String> form) {
        String body = new LinkedHashMap<>(form).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/realms/" + KeycloakServer.REALM
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token endpoint answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
