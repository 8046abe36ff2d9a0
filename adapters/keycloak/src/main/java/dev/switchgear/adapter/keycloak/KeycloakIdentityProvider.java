package dev.switchgear.adapter.keycloak;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.switchgear.application.port.out.identity.IdentityProvider;
import dev.switchgear.application.port.out.identity.IdentityProviderUnavailable;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The {@link IdentityProvider} on Keycloak's admin API: a user's {@code subscription_tier} is their
 * user attribute of that name ({@code GET /admin/realms/<realm>/users/<id>}), read by a
 * service-account client (client credentials; it needs realm-management's {@code view-users}).
 * Answers, a missing attribute or user included, are cached for {@code cacheFor} (at most 60 s in
 * production, ADR 0015) and for at most {@code maxUsers} users; a failure is not cached, so the next
 * request asks again.
 */
public final class KeycloakIdentityProvider implements IdentityProvider, AutoCloseable {

    /** The user attribute, and the token claim of the same name, that holds a user's tier. */
    public static final String TIER_ATTRIBUTE = "subscription_tier";

    private final Keycloak keycloak;
    private final String realm;
    private final Cache<String, Optional<String>> tiers;

    /**
     * @param timeout connect and read timeout of each call to Keycloak
     * @param ticker the cache's clock ({@link Ticker#systemTicker()} outside tests)
     */
    public KeycloakIdentityProvider(KeycloakRealm realm, String clientId, String clientSecret, Duration timeout,
                                    Duration cacheFor, long maxUsers, Ticker ticker) {
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("the Keycloak admin client needs a client id and secret");
        }
        if (cacheFor.isNegative() || maxUsers < 1) {
            throw new IllegalArgumentException("cacheFor must not be negative and maxUsers must be positive");
        }
        this.realm = realm.name();
        this.keycloak = KeycloakBuilder.builder()
                .serverUrl(realm.serverUrl())
                .realm(realm.name())
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .resteasyClient(ClientBuilder.newBuilder()
                        .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .build())
                .build();
        this.tiers = Caffeine.newBuilder().expireAfterWrite(cacheFor).maximumSize(maxUsers).ticker(ticker).build();
    }

    @Override
    public Optional<String> tierOf(String subject) {
        return tiers.get(subject, this::lookUp);
    }

    private Optional<String> lookUp(String subject) {
        UserRepresentation user;
        try {
            user = keycloak.realm(realm).users().get(subject).toRepresentation();
        } catch (NotFoundException unknown) {
            return Optional.empty();
        } catch (WebApplicationException e) {
            throw new IdentityProviderUnavailable("Keycloak answered HTTP " + e.getResponse().getStatus()
                    + " to a user lookup", null);
        } catch (ProcessingException | IllegalStateException e) {
            throw new IdentityProviderUnavailable("Keycloak could not be reached: " + e.getClass().getSimpleName(), null);
        }
        Map<String, List<String>> attributes = user.getAttributes();
        List<String> values = attributes == null ? null : attributes.get(TIER_ATTRIBUTE);
        return values == null ? Optional.empty() : values.stream().filter(v -> v != null && !v.isBlank()).findFirst();
    }

    @Override
    public void close() {
        keycloak.close();
    }
}
