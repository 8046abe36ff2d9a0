package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Attacks on sign-in (ADR 0015), each sent to a gateway that trusts the real Keycloak realm for
 * audience {@code switchgear-gateway}, on the OpenAI, Anthropic, REST and GraphQL routes: each is a
 * 401 in the route's own shape that never repeats the token, and changes nothing (no account is
 * opened for the subject it names, a known account's history stays as it was). Failed tokens count
 * against the client's address like wrong keys. The forged tokens are made with Nimbus; "wrong
 * issuer", "wrong audience" and "expired" are real tokens of the realm, signed by its own key.
 */
@ExtendWith(KeycloakExtension.class)
class OidcAttacksEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConfigurableApplicationContext context;
    private static GatewayClient gateway;
    private static KeycloakServer keycloak;
    private static KeycloakTokens tokens;
    private static int port;

    @BeforeAll
    static void start(KeycloakServer server) throws Exception {
        keycloak = server;
        tokens = new KeycloakTokens(server);
        context = OidcEndToEndTest.startGateway(server, Files.createTempDirectory("switchgear-oidc-attacks"));
        gateway = GatewayClient.of(context);
        port = ((org.springframework.boot.web.context.WebServerApplicationContext) context).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void forgedTokensAreRefusedEverywhereAndOpenNoAccount() throws Exception {
        RSAKey realmKey = realmSigningKey();
        RSAKey ownKey = new RSAKeyGenerator(2048).keyID(realmKey.getKeyID()).generate();
        RSAKey unknownKey = new RSAKeyGenerator(2048).keyID("not-a-realm-key").generate();
        Map<String, String> attacks = new LinkedHashMap<>();
        String subject;

        subject = UUID.randomUUID().toString();
        attacks.put("alg none " + subject, new PlainJWT(claims(subject, c -> c)).serialize());
        subject = UUID.randomUUID().toString();
        attacks.put("HS256 keyed with the realm's public key " + subject,
                sign(new MACSigner(realmKey.toRSAPublicKey().getEncoded()), JWSAlgorithm.HS256, realmKey.getKeyID(),
                        claims(subject, c -> c)));
        subject = UUID.randomUUID().toString();
        attacks.put("own key under the realm's kid " + subject,
                sign(new RSASSASigner(ownKey), JWSAlgorithm.RS256, ownKey.getKeyID(), claims(subject, c -> c)));
        subject = UUID.randomUUID().toString();
        attacks.put("unknown kid " + subject,
                sign(new RSASSASigner(unknownKey), JWSAlgorithm.RS256, unknownKey.getKeyID(), claims(subject, c -> c)));
        subject = UUID.randomUUID().toString();
        attacks.put("expired " + subject, sign(new RSASSASigner(ownKey), JWSAlgorithm.RS256, ownKey.getKeyID(),
                claims(subject, c -> c.issueTime(Date.from(Instant.now().minusSeconds(900)))
                        .expirationTime(Date.from(Instant.now().minusSeconds(600))))));
        subject = UUID.randomUUID().toString();
        attacks.put("not yet valid " + subject, sign(new RSASSASigner(ownKey), JWSAlgorithm.RS256, ownKey.getKeyID(),
                claims(subject, c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(3600))))));

        for (Map.Entry<String, String> attack : attacks.entrySet()) {
            String named = attack.getKey().substring(attack.getKey().lastIndexOf(' ') + 1);
            refusedEverywhere(attack.getKey(), attack.getValue());
            assertThat(gateway.get("/api/v1/admin/accounts/" + named + "/events", GatewayClient.ADMIN_KEY).status())
                    .as(attack.getKey() + ": no account opened").isEqualTo(404);
        }
    }

    @Test
    void realTokensOfAnotherIssuerOrAudienceOrPastTheirLifetimeAreRefused() throws Exception {
        String wrongIssuer = tokens.password("http://localhost:" + keycloak.port(), KeycloakTokens.CLI, "carol");
        String wrongAudience = tokens.password(KeycloakTokens.OTHER_APP, "carol");
        String shortLived = tokens.password(KeycloakTokens.SHORT_LIVED, "carol");
        String carol = KeycloakTokens.claims(wrongAudience).get("sub").asText();
        assertThat(KeycloakTokens.claims(wrongIssuer).get("iss").asText()).startsWith("http://localhost:");
        assertThat(KeycloakTokens.claims(wrongAudience).has("aud")).isFalse();
        long expiry = KeycloakTokens.claims(shortLived).get("exp").asLong();
        while (Instant.now().getEpochSecond() <= expiry + 1) {
            Thread.sleep(200);
        }

        refusedEverywhere("wrong issuer", wrongIssuer);
        refusedEverywhere("wrong audience", wrongAudience);
        refusedEverywhere("expired", shortLived);

        assertThat(gateway.get("/api/v1/admin/accounts/" + carol + "/events", GatewayClient.ADMIN_KEY).status())
                .as("carol never signed in").isEqualTo(404);
        assertThat(gateway.get("/api/v1/llm/credits", tokens.password(KeycloakTokens.CLI, "carol")).status())
                .as("her token for this gateway works").isEqualTo(200);
    }

    @Test
    void aRealTokenWithItsPayloadChangedIsRefusedAndChangesNothing() throws Exception {
        String token = tokens.password(KeycloakTokens.WEB, "bob");
        String bob = KeycloakTokens.claims(token).get("sub").asText();
        assertThat(gateway.get("/api/v1/llm/credits", token).body().get("tier").asText()).isEqualTo("professional");
        int history = gateway.events(bob).size();
        String stranger = UUID.randomUUID().toString();

        refusedEverywhere("tier raised", withPayload(token, p -> p.put("subscription_tier", "enterprise")));
        refusedEverywhere("subject changed", withPayload(token, p -> p.put("sub", stranger)));
        refusedEverywhere("admin role added", withPayload(token, p -> p.putObject("realm_access")
                .putArray("roles").add("switchgear-admin")));

        assertThat(gateway.events(bob).size()).isEqualTo(history);
        assertThat(gateway.get("/api/v1/llm/credits", token).body().get("tier").asText()).isEqualTo("professional");
        assertThat(gateway.get("/api/v1/admin/accounts/" + stranger + "/events", GatewayClient.ADMIN_KEY).status())
                .isEqualTo(404);
    }

    @Test
    void garbageAndSqlAsTheBearerAreRefused() {
        refusedEverywhere("JWS-shaped garbage", "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2lnbmF0dXJl");
        refusedEverywhere("three random segments", "abc.def.ghi");
        refusedEverywhere("SQL", "' OR '1'='1' --");
        refusedEverywhere("SQL in segments", "x'.union select * from api_key--.y");
    }

    @Test
    void failedTokensCountAgainstTheAddressLikeWrongKeys() throws Exception {
        RawHttp from = new RawHttp(port, "127.0.0.9");
        String valid = tokens.password(KeycloakTokens.CLI, "ada");
        String forged = sign(new RSASSASigner(new RSAKeyGenerator(2048).keyID("k").generate()), JWSAlgorithm.RS256, "k",
                claims(UUID.randomUUID().toString(), c -> c));
        int refused = 0;
        int status = 401;
        while (status == 401 && refused < 2 * OidcEndToEndTest.FAILURES_PER_MINUTE) {
            status = from.send("GET", "/api/v1/llm/credits", null, "Authorization: Bearer " + forged).status();
            refused += status == 401 ? 1 : 0;
        }
        assertThat(status).isEqualTo(429);
        // the bucket refills gradually while the attempts are made, so a few more than the limit get through
        assertThat(refused).isBetween(OidcEndToEndTest.FAILURES_PER_MINUTE, OidcEndToEndTest.FAILURES_PER_MINUTE + 20);
        // the bucket refills one attempt every 0.6 s; the next request follows at once
        RawHttp.Response blocked = from.send("GET", "/api/v1/llm/credits", null, "Authorization: Bearer " + valid);
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).isNotNull();
    }

    /** A 401 in each route's shape from an address of its own, never repeating the token. */
    private static void refusedEverywhere(String attack, String token) {
        RawHttp from = new RawHttp(port, "127.0.0.7");
        String bearer = "Authorization: Bearer " + token;
        String chat = "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        RawHttp.Response openAi = from.send("POST", "/v1/chat/completions", chat, bearer);
        assertThat(openAi.status()).as(attack + " on OpenAI's route").isEqualTo(401);
        assertThat(read(openAi.body()).at("/error/code").asText()).as(attack).isEqualTo("invalid_api_key");
        assertThat(openAi.header("WWW-Authenticate")).isEqualTo("Bearer");

        RawHttp.Response anthropic = from.send("POST", "/v1/messages", "{\"model\":\"sim-echo\",\"max_tokens\":8,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", bearer, "anthropic-version: 2023-06-01");
        assertThat(anthropic.status()).as(attack + " on Anthropic's route").isEqualTo(401);
        assertThat(read(anthropic.body()).at("/error/type").asText()).isEqualTo("authentication_error");

        RawHttp.Response rest = from.send("GET", "/api/v1/llm/credits", null, bearer);
        assertThat(rest.status()).as(attack + " on REST").isEqualTo(401);

        RawHttp.Response graphql = from.send("POST", "/graphql", "{\"query\":\"{ __typename }\"}", bearer);
        assertThat(graphql.status()).as(attack + " on GraphQL").isEqualTo(401);
        assertThat(read(graphql.body()).at("/errors/0/extensions/classification").asText()).isEqualTo("UNAUTHORIZED");

        for (RawHttp.Response response : new RawHttp.Response[] {openAi, anthropic, rest, graphql}) {
            assertThat(response.head() + response.body()).as(attack + ": the token is not repeated")
                    .doesNotContain(token.length() > 12 ? token.substring(token.length() - 12) : token);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static RSAKey realmSigningKey() throws Exception {
        for (JWK key : JWKSet.parse(tokens.jwks()).getKeys()) {
            if (key instanceof RSAKey rsa && KeyUse.SIGNATURE.equals(key.getKeyUse())
                    && JWSAlgorithm.RS256.equals(key.getAlgorithm())) {
                return rsa;
            }
        }
        throw new IllegalStateException("the realm publishes no RS256 signing key");
    }

    private static JWTClaimsSet claims(String subject, UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        return change.apply(new JWTClaimsSet.Builder().issuer(keycloak.issuer())
                .audience(KeycloakTokens.GATEWAY_CLIENT).subject(subject).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300))).claim("subscription_tier", "enterprise")
                .claim("realm_access", Map.of("roles", java.util.List.of("switchgear-admin")))).build();
    }

    private static String sign(JWSSigner signer, JWSAlgorithm algorithm, String kid, JWTClaimsSet claims)
            throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(kid).build(),
                claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** The token with its payload changed and its header and signature kept. */
    private static String withPayload(String token, java.util.function.Consumer<ObjectNode> change) {
        String[] parts = token.split("\\.");
        ObjectNode payload = (ObjectNode) KeycloakTokens.claims(token);
        change.accept(payload);
        try {
            return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    JSON.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
