package dev.switchgear.adapter.keycloak;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.switchgear.application.port.out.identity.IdentityProviderUnavailable;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Keycloak adapter against a stub speaking Keycloak's wire format: the client-credentials token
 * endpoint and the admin API's user representation. (The real Keycloak is exercised end to end in
 * bootstrap's {@code OidcEndToEndTest}.)
 */
class KeycloakIdentityProviderTest {

    private static final String REALM = "switchgear";
    private static final String USERS = "/admin/realms/" + REALM + "/users/";

    private final WireMockServer keycloak = new WireMockServer(wireMockConfig().dynamicPort());
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private KeycloakIdentityProvider provider;

    @BeforeEach
    void start() {
        keycloak.start();
        keycloak.stubFor(post("/realms/" + REALM + "/protocol/openid-connect/token").willReturn(okJson(
                "{\"access_token\":\"admin-token\",\"expires_in\":300,\"refresh_expires_in\":0,"
                        + "\"token_type\":\"Bearer\",\"not-before-policy\":0,\"scope\":\"profile email\"}")));
        provider = providerAt("http://127.0.0.1:" + keycloak.port() + "/realms/" + REALM);
    }

    @AfterEach
    void stop() {
        provider.close();
        keycloak.stop();
    }

    @Test
    void theTierIsTheUsersAttributeReadWithTheServiceAccountsToken() {
        String user = UUID.randomUUID().toString();
        stubUser(user, "{\"subscription_tier\":[\"starter\"],\"department\":[\"ops\"]}");

        assertThat(provider.tierOf(user)).contains("starter");

        keycloak.verify(postRequestedFor(urlEqualTo("/realms/" + REALM + "/protocol/openid-connect/token"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withHeader("Authorization", equalTo("Basic " + java.util.Base64.getEncoder()
                        .encodeToString("switchgear-gateway:gateway-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
        keycloak.verify(getRequestedFor(urlPathEqualTo(USERS + user))
                .withHeader("Authorization", equalTo("Bearer admin-token")));
    }

    @Test
    void anAnswerIsCachedForTheBoundAndAskedAgainAfterIt() {
        String user = UUID.randomUUID().toString();
        stubUser(user, "{\"subscription_tier\":[\"free\"]}");
        assertThat(provider.tierOf(user)).contains("free");

        stubUser(user, "{\"subscription_tier\":[\"professional\"]}");
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(provider.tierOf(user)).contains("free");

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(provider.tierOf(user)).contains("professional");
        keycloak.verify(2, getRequestedFor(urlPathEqualTo(USERS + user)));
    }

    @Test
    void aUserWithoutTheAttributeOrUnknownToKeycloakHasNoTier() {
        String plain = UUID.randomUUID().toString();
        String unknown = UUID.randomUUID().toString();
        stubUser(plain, "{\"department\":[\"ops\"]}");
        keycloak.stubFor(get(USERS + unknown).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"User not found\"}")));

        assertThat(provider.tierOf(plain)).isEmpty();
        assertThat(provider.tierOf(unknown)).isEmpty();
    }

    @Test
    void aFailingKeycloakIsUnavailableAndTheFailureIsNotCached() {
        String user = UUID.randomUUID().toString();
        keycloak.stubFor(get(USERS + user).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> provider.tierOf(user)).isInstanceOf(IdentityProviderUnavailable.class)
                .hasMessageContaining("503");

        stubUser(user, "{\"subscription_tier\":[\"enterprise\"]}");
        assertThat(provider.tierOf(user)).contains("enterprise");
    }

    @Test
    void aRefusedServiceAccountIsUnavailable() {
        keycloak.stubFor(post("/realms/" + REALM + "/protocol/openid-connect/token").willReturn(aResponse()
                .withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client secret\"}")));

        assertThatThrownBy(() -> provider.tierOf(UUID.randomUUID().toString()))
                .isInstanceOf(IdentityProviderUnavailable.class);
    }

    @Test
    void anUnreachableKeycloakIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (KeycloakIdentityProvider unreachable = providerAt("http://127.0.0.1:" + closedPort + "/realms/" + REALM)) {
            assertThatThrownBy(() -> unreachable.tierOf(UUID.randomUUID().toString()))
                    .isInstanceOf(IdentityProviderUnavailable.class);
        }
    }

    @Test
    void theRealmAndServerComeFromTheIssuer() {
        assertThat(KeycloakRealm.ofIssuer(URI.create("https://id.example.com/realms/acme/")))
                .isEqualTo(new KeycloakRealm("https://id.example.com", "acme"));
        assertThat(KeycloakRealm.ofIssuer(URI.create("http://127.0.0.1:8180/auth/realms/switchgear")))
                .isEqualTo(new KeycloakRealm("http://127.0.0.1:8180/auth", "switchgear"));
        assertThatThrownBy(() -> KeycloakRealm.ofIssuer(URI.create("https://id.example.com/oauth2")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeycloakRealm.ofIssuer(URI.create("https://id.example.com/realms/")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private KeycloakIdentityProvider providerAt(String issuer) {
        return new KeycloakIdentityProvider(KeycloakRealm.ofIssuer(URI.create(issuer)), "switchgear-gateway",
                "gateway-secret", Duration.ofSeconds(2), Duration.ofSeconds(60), 1_000, ticker);
    }

    private void stubUser(String id, String attributes) {
        keycloak.stubFor(get(USERS + id).willReturn(okJson("{\"id\":\"" + id + "\",\"username\":\"u-" + id
                + "\",\"enabled\":true,\"attributes\":" + attributes + "}")));
    }

}
