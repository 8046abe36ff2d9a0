package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Sign-in with a real Keycloak (ADR 0015), over real HTTP against a whole gateway: tokens from the
 * password grant and from client credentials work on the OpenAI and Anthropic routes, REST and
 * GraphQL; the subject is the account, opened on first sight (once, however many first requests
 * race); the tier comes from the token's claim or from the Keycloak user attribute, and a change of
 * that attribute reaches the account as {@code TierChanged} within the cache bound; the realm role
 * {@code switchgear-admin} reaches admin routes; a rotated realm key is picked up.
 */
@ExtendWith(KeycloakExtension.class)
class OidcEndToEndTest {

    /** The gateway's tier cache in these tests (production: at most 60 s). */
    static final Duration TIER_CACHE = Duration.ofSeconds(2);
    static final int FAILURES_PER_MINUTE = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConfigurableApplicationContext context;
    private static GatewayClient gateway;
    private static KeycloakTokens tokens;

    @BeforeAll
    static void start(KeycloakServer keycloak) throws Exception {
        tokens = new KeycloakTokens(keycloak);
        context = startGateway(keycloak, Files.createTempDirectory("switchgear-oidc"));
        gateway = GatewayClient.of(context);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    /** A whole gateway that accepts the test realm's tokens for audience {@code switchgear-gateway}. */
    static ConfigurableApplicationContext startGateway(KeycloakServer keycloak, Path data) {
        return new SpringApplicationBuilder(SwitchgearApplication.class).run(
                "--server.port=0",
                "--switchgear.data-dir=" + data,
                "--switchgear.admin-key=" + GatewayClient.ADMIN_KEY,
                "--switchgear.db.embedded-durable=false",
                "--switchgear.oidc.issuer-uri=" + keycloak.issuer(),
                "--switchgear.oidc.audience=" + KeycloakTokens.GATEWAY_CLIENT,
                "--switchgear.oidc.clock-skew=0s",
                "--switchgear.oidc.keycloak-client-id=" + KeycloakTokens.GATEWAY_CLIENT,
                "--switchgear.oidc.keycloak-client-secret=" + KeycloakTokens.GATEWAY_SECRET,
                "--switchgear.oidc.tier-cache-for=" + TIER_CACHE.toSeconds() + "s",
                "--switchgear.security.failed-authentications-per-minute=" + FAILURES_PER_MINUTE);
    }

    @Test
    void aPasswordGrantTokenWorksOnEveryApiAndItsSubjectIsTheAccount() throws Exception {
        String token = tokens.password(KeycloakTokens.CLI, "ada");
        String account = KeycloakTokens.claims(token).get("sub").asText();
        assertThat(KeycloakTokens.claims(token).has("subscription_tier")).as("this client maps no tier claim").isFalse();

        GatewayClient.Reply credits = gateway.get("/api/v1/llm/credits", token);
        assertThat(credits.status()).isEqualTo(200);
        assertThat(credits.body().get("accountId").asText()).isEqualTo(account);
        assertThat(credits.body().get("tier").asText()).as("Keycloak's user attribute").isEqualTo("starter");
        long funded = gateway.grant(account, "5");

        GatewayClient.Reply chat = gateway.post("/v1/chat/completions", token,
                "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello from Keycloak\"}]}");
        assertThat(chat.status()).isEqualTo(200);
        assertThat(chat.body().at("/choices/0/message/content").asText()).contains("Hello from Keycloak");

        HttpResponse<String> messages = gateway.send("POST", "/v1/messages", token, "{\"model\":\"sim-echo\","
                + "\"max_tokens\":32,\"messages\":[{\"role\":\"user\",\"content\":\"Hi Anthropic-style\"}]}",
                Map.of("anthropic-version", "2023-06-01"));
        assertThat(messages.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(messages.body()).get("type").asText()).isEqualTo("message");

        GatewayClient.Reply graphql = gateway.graphql(token, "{ account(id: \"" + account + "\") { balance tier } }");
        assertThat(graphql.status()).isEqualTo(200);
        assertThat(graphql.body().at("/data/account/tier").asText()).isEqualTo("starter");

        long balance = gateway.get("/api/v1/llm/credits", token).body().get("balanceMicroCredits").asLong();
        assertThat(balance).isLessThan(funded).isPositive();
        List<String> types = types(gateway.events(account));
        assertThat(types).startsWith("AccountOpened", "CreditsGranted").contains("UsageCharged");
        assertThat(types).filteredOn("AccountOpened"::equals).hasSize(1);
    }

    @Test
    void theTierClaimIsUsedWhenTheTokenHasOneAndRacingFirstRequestsOpenTheAccountOnce() throws Exception {
        String token = tokens.password(KeycloakTokens.WEB, "bob");
        String account = KeycloakTokens.claims(token).get("sub").asText();
        assertThat(KeycloakTokens.claims(token).get("subscription_tier").asText()).isEqualTo("professional");

        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<GatewayClient.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return gateway.get("/api/v1/llm/credits", token);
                }));
            }
            start.countDown();
            for (Future<GatewayClient.Reply> reply : replies) {
                assertThat(reply.get().status()).isEqualTo(200);
                assertThat(reply.get().body().get("tier").asText()).isEqualTo("professional");
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode events = gateway.events(account);
        assertThat(types(events)).containsExactly("AccountOpened");
        assertThat(events.get(0).at("/payload/name").asText()).isEqualTo("Bob Tester");
    }

    @Test
    void aClientCredentialsTokenSignsInItsServiceAccountWithTheTierKeycloakHoldsForIt() {
        String token = tokens.clientCredentials(KeycloakTokens.BATCH, KeycloakTokens.BATCH_SECRET);

        GatewayClient.Reply credits = gateway.get("/api/v1/llm/credits", token);

        assertThat(credits.status()).isEqualTo(200);
        assertThat(credits.body().get("accountId").asText()).isEqualTo(KeycloakTokens.claims(token).get("sub").asText());
        assertThat(credits.body().get("tier").asText()).isEqualTo("enterprise");
        GatewayClient.Reply models = gateway.get("/v1/models", token);
        assertThat(models.status()).isEqualTo(200);
    }

    @Test
    void theRealmRoleSwitchgearAdminReachesAdminRoutesAndAPlainUserIsForbidden() {
        String admin = tokens.password(KeycloakTokens.CLI, "root");
        String user = tokens.password(KeycloakTokens.CLI, "ada");
        String userAccount = KeycloakTokens.claims(user).get("sub").asText();
        gateway.get("/api/v1/llm/credits", user);

        GatewayClient.Reply masterKey = gateway.get("/api/v1/admin/master-key", admin);
        assertThat(masterKey.status()).isEqualTo(200);
        GatewayClient.Reply othersHistory = gateway.get("/api/v1/admin/accounts/" + userAccount + "/events", admin);
        assertThat(othersHistory.status()).isEqualTo(200);
        GatewayClient.Reply own = gateway.get("/api/v1/llm/credits", admin);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().get("accountId").asText()).isEqualTo(KeycloakTokens.claims(admin).get("sub").asText());

        int eventsBefore = gateway.events(userAccount).size();
        GatewayClient.Reply refused = gateway.get("/api/v1/admin/master-key", user);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().at("/error/code").asText()).isEqualTo("permission_denied");
        GatewayClient.Reply grant = gateway.post("/api/v1/admin/accounts/" + userAccount + "/credits", user,
                "{\"credits\":1000,\"reason\":\"self-service\"}");
        assertThat(grant.status()).isEqualTo(403);
        assertThat(gateway.events(userAccount).size()).isEqualTo(eventsBefore);
    }

    @Test
    void aTierChangedInKeycloakReachesTheAccountAsAnEventWithinTheCacheBound() throws Exception {
        String token = tokens.password(KeycloakTokens.CLI, "grace");
        String account = KeycloakTokens.claims(token).get("sub").asText();
        setTier(account, "free");
        assertThat(gateway.get("/api/v1/llm/credits", token).body().get("tier").asText()).isEqualTo("free");

        setTier(account, "professional");
        Instant changed = Instant.now();
        String tier = "free";
        while (!"professional".equals(tier) && Instant.now().isBefore(changed.plus(TIER_CACHE.multipliedBy(5)))) {
            Thread.sleep(200);
            tier = gateway.get("/api/v1/llm/credits", token).body().get("tier").asText();
        }

        assertThat(tier).isEqualTo("professional");
        assertThat(Duration.between(changed, Instant.now())).isLessThan(TIER_CACHE.plusSeconds(3));
        JsonNode events = gateway.events(account);
        assertThat(types(events)).containsExactly("AccountOpened", "TierChanged");
        assertThat(events.get(1).at("/payload/tier").asText()).isEqualToIgnoringCase("professional");
        assertThat(events.get(1).at("/payload/previousTier").asText()).isEqualToIgnoringCase("free");
    }

    @Test
    void aNewRealmSigningKeyIsPickedUpWithoutARestart() {
        String before = tokens.password(KeycloakTokens.CLI, "ada");
        assertThat(gateway.get("/api/v1/llm/credits", before).status()).isEqualTo(200);

        try (Keycloak admin = tokens.admin()) {
            String realmId = admin.realm(KeycloakServer.REALM).toRepresentation().getId();
            ComponentRepresentation key = new ComponentRepresentation();
            key.setName("rotated-rsa");
            key.setProviderId("rsa-generated");
            key.setProviderType("org.keycloak.keys.KeyProvider");
            key.setParentId(realmId);
            MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
            // above every key before it, including those earlier runs added to a reused database
            config.putSingle("priority", Long.toString(Instant.now().getEpochSecond()));
            config.putSingle("algorithm", "RS256");
            key.setConfig(config);
            admin.realm(KeycloakServer.REALM).components().add(key).close();
        }
        String after = tokens.password(KeycloakTokens.CLI, "ada");
        assertThat(kid(after)).isNotEqualTo(kid(before));

        assertThat(gateway.get("/api/v1/llm/credits", after).status()).isEqualTo(200);
        assertThat(gateway.get("/api/v1/llm/credits", before).status()).as("the old key is still published").isEqualTo(200);
    }

    /** Changes a user's {@code subscription_tier} attribute with Keycloak's admin client. */
    private static void setTier(String user, String tier) {
        try (Keycloak admin = tokens.admin()) {
            UserResource resource = admin.realm(KeycloakServer.REALM).users().get(user);
            UserRepresentation representation = resource.toRepresentation();
            representation.singleAttribute("subscription_tier", tier);
            resource.update(representation);
        }
    }

    private static String kid(String jwt) {
        try {
            return JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[0])).get("kid").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> types(JsonNode events) {
        return StreamSupport.stream(events.spliterator(), false).map(e -> e.get("type").asText()).toList();
    }
}
