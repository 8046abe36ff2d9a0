package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #12's "done when", as its users would live it, against a real Keycloak and a whole gateway:
 * users of the realm sign in and call {@code /v1/chat/completions} with their access tokens, served
 * at their tier's limits (the limit headers say which); a free-tier user gets {@code upgrade_required}
 * on BYOK and a 429 on the 11th request within a minute, charged nothing for it; the audit log shows
 * what each of them did, who did it and from where.
 */
@ExtendWith(KeycloakExtension.class)
class IdentityAndLimitsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENT = "done-when-check/1.0";

    private static ConfigurableApplicationContext context;
    private static GatewayClient gateway;
    private static KeycloakTokens tokens;

    @BeforeAll
    static void start(KeycloakServer keycloak) throws Exception {
        tokens = new KeycloakTokens(keycloak);
        context = OidcEndToEndTest.startGateway(keycloak, Files.createTempDirectory("switchgear-done-when"));
        gateway = GatewayClient.of(context);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void signedInUsersAreServedAtTheirTiersLimitsAndTheAuditLogShowsWhatEachDid() throws Exception {
        String carol = tokens.password(KeycloakTokens.CLI, "carol"); // no tier in Keycloak: free
        String ada = tokens.password(KeycloakTokens.CLI, "ada");     // starter
        String carolAccount = KeycloakTokens.claims(carol).get("sub").asText();
        String adaAccount = KeycloakTokens.claims(ada).get("sub").asText();
        assertThat(gateway.get("/api/v1/llm/credits", carol).body().get("tier").asText()).isEqualTo("free");
        assertThat(gateway.get("/api/v1/llm/credits", ada).body().get("tier").asText()).isEqualTo("starter");
        gateway.grant(carolAccount, "5");
        gateway.grant(adaAccount, "5");

        // The free tier: ten requests a minute, the eleventh refused and not charged.
        for (int i = 1; i <= 10; i++) {
            HttpResponse<String> served = chat(carol, "request " + i);
            assertThat(served.statusCode()).as("request %d: %s", i, served.body()).isEqualTo(200);
            assertThat(served.headers().firstValue("x-ratelimit-limit-requests")).contains("10");
            assertThat(served.headers().firstValue("x-ratelimit-remaining-requests")).contains(Integer.toString(10 - i));
        }
        long balance = gateway.get("/api/v1/llm/credits", carol).body().get("balanceMicroCredits").asLong();
        int events = gateway.events(carolAccount).size();
        HttpResponse<String> eleventh = chat(carol, "request 11");
        assertThat(eleventh.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(eleventh.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(eleventh.headers().firstValue("Retry-After")).isPresent();
        assertThat(eleventh.headers().firstValue("x-ratelimit-remaining-requests")).contains("0");
        assertThat(gateway.get("/api/v1/llm/credits", carol).body().get("balanceMicroCredits").asLong())
                .as("a 429 is not charged").isEqualTo(balance);
        assertThat(gateway.events(carolAccount).size()).as("nor recorded").isEqualTo(events);

        // BYOK is for Starter and up.
        String byok = "{\"provider\":\"openai\",\"api_key\":\"sk-proj-" + "d".repeat(40) + "\"}";
        HttpResponse<String> refused = gateway.send("POST", "/api/v1/byok/keys/add", carol, byok,
                Map.of("User-Agent", AGENT));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).at("/error/code").asText()).isEqualTo("upgrade_required");

        // The starter tier: its own limits, and its own provider key.
        HttpResponse<String> served = chat(ada, "hello from a starter");
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        assertThat(served.headers().firstValue("x-ratelimit-limit-requests")).contains("100");
        assertThat(served.headers().firstValue("x-ratelimit-limit-tokens")).contains("100000");
        HttpResponse<String> added = gateway.send("POST", "/api/v1/byok/keys/add", ada, byok,
                Map.of("User-Agent", AGENT));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        HttpResponse<String> level = gateway.send("PUT", "/api/v1/llm/users/" + adaAccount + "/power-level", ada,
                "{\"power_level\":\"eco\"}", Map.of("User-Agent", AGENT));
        assertThat(level.statusCode()).as(level.body()).isEqualTo(200);

        // The audit log: each user sees what was done on their own account; the admin sees both.
        List<JsonNode> adas = awaitAudit(ada, "", 4);
        assertThat(actions(adas)).contains("account.opened", "credits.granted", "provider_key.added",
                "power_level.changed");
        JsonNode keyAdded = adas.stream().filter(e -> e.path("action").asText().equals("provider_key.added"))
                .findFirst().orElseThrow();
        assertThat(keyAdded.path("actor").asText()).isEqualTo("user:" + adaAccount);
        assertThat(keyAdded.path("actor_role").asText()).isEqualTo("user");
        assertThat(keyAdded.path("client_address").asText()).isEqualTo("127.0.0.1");
        assertThat(keyAdded.path("user_agent").asText()).isEqualTo(AGENT);
        JsonNode granted = adas.stream().filter(e -> e.path("action").asText().equals("credits.granted"))
                .findFirst().orElseThrow();
        assertThat(granted.path("actor").asText()).isEqualTo("admin");

        List<JsonNode> carols = awaitAudit(carol, "", 2);
        assertThat(actions(carols)).contains("account.opened", "credits.granted").doesNotContain("provider_key.added");
        assertThat(carols).allSatisfy(e -> assertThat(e.path("account_id").asText()).isEqualTo(carolAccount));

        List<JsonNode> byAda = awaitAudit(GatewayClient.ADMIN_KEY, "?actor=user:" + adaAccount, 2);
        assertThat(byAda).allSatisfy(e -> assertThat(e.path("account_id").asText()).isEqualTo(adaAccount));
        assertThat(String.join("\n", byAda.stream().map(JsonNode::toString).toList())).doesNotContain("d".repeat(40));
    }

    private static HttpResponse<String> chat(String token, String text) {
        return gateway.send("POST", "/v1/chat/completions", token,
                "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}", Map.of());
    }

    /** The audit entries the caller sees, once at least {@code atLeast} are projected. */
    private static List<JsonNode> awaitAudit(String bearer, String query, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            GatewayClient.Reply reply = gateway.get("/api/v1/audit" + query, bearer);
            assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
            List<JsonNode> entries = new ArrayList<>();
            reply.body().path("data").forEach(entries::add);
            if (entries.size() >= atLeast || System.nanoTime() > deadline) {
                return entries;
            }
            Thread.sleep(50);
        }
    }

    private static List<String> actions(List<JsonNode> entries) {
        return entries.stream().map(e -> e.path("action").asText()).toList();
    }
}
