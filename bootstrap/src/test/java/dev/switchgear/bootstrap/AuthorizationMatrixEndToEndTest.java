package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The authorization matrix over every route that names an account, a key, a provider or a request
 * (REST and GraphQL): another account's id is 404 (as if it did not exist), no credential is 401,
 * an account on an admin route is 403 — and no refused call changes anything. A route with a path
 * variable that the matrix does not classify fails the first test, so a new route joins the matrix.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthorizationMatrixEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a route's path variable names, and so what another account must get. */
    enum Scope {
        /** An account id an account may name only for itself: another's → 404. */
        OWN_ACCOUNT,
        /** A request id of the caller's own requests: another's → 404. */
        OWN_REQUEST,
        /** A gateway API key id of the caller's own account: another's → 404. */
        OWN_API_KEY,
        /** A provider within the caller's own keyring: it can only ever reach the caller's keys. */
        OWN_KEYRING,
        /** The administrator's alone: an account → 403. */
        ADMIN,
        /** A stored response of the caller's own account (Responses API): another's → 404. */
        OWN_RESPONSE
    }

    private static final Map<String, Scope> MATRIX = Map.ofEntries(
            Map.entry("GET /api/v1/llm/users/{accountId}/power-level", Scope.OWN_ACCOUNT),
            Map.entry("PUT /api/v1/llm/users/{accountId}/power-level", Scope.OWN_ACCOUNT),
            Map.entry("GET /api/v1/llm/users/{accountId}/byok", Scope.OWN_ACCOUNT),
            Map.entry("PUT /api/v1/llm/users/{accountId}/byok", Scope.OWN_ACCOUNT),
            Map.entry("GET /api/v1/admin/accounts/{accountId}/events", Scope.OWN_ACCOUNT),
            Map.entry("GET /api/v1/llm/requests/{requestId}/explain", Scope.OWN_REQUEST),
            Map.entry("DELETE /api/v1/byok/keys/{provider}", Scope.OWN_KEYRING),
            Map.entry("POST /api/v1/byok/keys/test/{provider}", Scope.OWN_KEYRING),
            Map.entry("DELETE /api/v1/admin/accounts/{accountId}/keyring", Scope.ADMIN),
            Map.entry("POST /api/v1/admin/accounts/{accountId}/api-keys", Scope.ADMIN),
            Map.entry("POST /api/v1/admin/accounts/{accountId}/credits", Scope.ADMIN),
            Map.entry("POST /api/v1/admin/accounts/{accountId}/refunds", Scope.ADMIN),
            Map.entry("GET /api/v1/admin/accounts/{accountId}/api-keys", Scope.ADMIN),
            Map.entry("DELETE /api/v1/admin/accounts/{accountId}/api-keys/{keyId}", Scope.ADMIN),
            Map.entry("DELETE /api/v1/keys/{keyId}", Scope.OWN_API_KEY),
            Map.entry("GET /api/v1/admin/accounts/{accountId}/rate-limits", Scope.ADMIN),
            Map.entry("PUT /api/v1/admin/accounts/{accountId}/rate-limits", Scope.ADMIN),
            Map.entry("DELETE /api/v1/llm/providers/{id}", Scope.ADMIN),
            Map.entry("POST /api/v1/admin/projections/{name}/rebuild", Scope.ADMIN),
            Map.entry("GET /api/v1/admin/accounts/{accountId}/balance", Scope.ADMIN),
            Map.entry("GET /v1/responses/{id}", Scope.OWN_RESPONSE),
            Map.entry("GET /v1/responses/{id}/input_items", Scope.OWN_RESPONSE),
            Map.entry("DELETE /v1/responses/{id}", Scope.OWN_RESPONSE));

    private static final String OPENAI_KEY = "sk-proj-" + "m".repeat(40);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "matrix");
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    GatewayClient gateway;

    @BeforeEach
    void setUp() {
        gateway = new GatewayClient(port);
    }

    @Test
    void everyRouteWithAPathVariableIsInTheMatrix() {
        Set<String> withVariables = new TreeSet<>();
        for (String route : routes()) {
            if (route.contains("{")) {
                withVariables.add(route);
            }
        }
        assertThat(withVariables).as("classify every route that names something").isEqualTo(new TreeSet<>(MATRIX.keySet()));
    }

    @Test
    void anotherAccountsIdsAreNotFoundNoCredentialIsUnauthorizedAndNothingChanges() throws Exception {
        Owner alice = owner("Alice");
        Owner bob = owner("Bob");
        String before = state(alice);

        for (Map.Entry<String, Scope> entry : MATRIX.entrySet()) {
            String method = entry.getKey().substring(0, entry.getKey().indexOf(' '));
            String path = concrete(entry.getKey().substring(entry.getKey().indexOf(' ') + 1), alice);
            String body = bodyFor(path);

            HttpResponse<String> anonymous = gateway.send(method, path, null, body, Map.of());
            assertThat(anonymous.statusCode()).as("no credential: " + entry.getKey()).isEqualTo(401);

            HttpResponse<String> asBob = gateway.send(method, path, bob.key, body, Map.of());
            switch (entry.getValue()) {
                case OWN_ACCOUNT, OWN_REQUEST, OWN_API_KEY, OWN_RESPONSE -> {
                    assertThat(asBob.statusCode()).as("another account's id: " + entry.getKey() + " -> "
                            + asBob.body()).isEqualTo(404);
                    assertThat(JSON.readTree(asBob.body()).at("/error/type").asText())
                            .isEqualTo("invalid_request_error");
                    assertThat(asBob.body()).doesNotContain("Alice", OPENAI_KEY);
                }
                case OWN_KEYRING -> assertThat(asBob.statusCode()).as("Bob's own (empty) keyring: " + entry.getKey()
                        + " -> " + asBob.body()).isIn(200, 404);
                case ADMIN -> assertThat(asBob.statusCode()).as("an account on an admin route: " + entry.getKey())
                        .isEqualTo(403);
            }
        }
        // The audit log takes an account as a query parameter: another account's is 404, no credential 401.
        String audit = "/api/v1/audit?account=" + alice.account;
        assertThat(gateway.get(audit, null).status()).isEqualTo(401);
        GatewayClient.Reply peek = gateway.get(audit, bob.key);
        assertThat(peek.status()).as(peek.raw().body()).isEqualTo(404);
        assertThat(peek.raw().body()).doesNotContain("Alice");
        // Replay for audits (ADR 0025): the processors' list and the reconciliation are the admin's alone.
        for (String adminOnly : List.of("/api/v1/admin/projections", "/api/v1/admin/reconciliation",
                "/api/v1/admin/reconciliation?account=" + alice.account)) {
            assertThat(gateway.get(adminOnly, null).status()).as(adminOnly).isEqualTo(401);
            GatewayClient.Reply refused = gateway.get(adminOnly, bob.key);
            assertThat(refused.status()).as(adminOnly + " -> " + refused.raw().body()).isEqualTo(403);
            assertThat(refused.raw().body()).doesNotContain("Alice", alice.account);
        }
        GatewayClient.Reply ownBalance = gateway.get("/api/v1/llm/credits/balance?at=2999-01-01T00:00:00Z", bob.key);
        assertThat(ownBalance.status()).isEqualTo(200);
        assertThat(ownBalance.body().path("account_id").asText()).isEqualTo(bob.account);
        assertThat(state(alice)).as("nothing of Alice's changed").isEqualTo(before);
        assertThat(gateway.get("/api/v1/byok/keys", alice.key).raw().body()).contains("openai");
    }

    /** The analytics routes (ADR 0024) name an account as a query parameter, like the audit log. */
    private static final List<String> ACCOUNT_PARAMETER_ROUTES = List.of("/api/v1/llm/usage?days=30&account=",
            "/api/v1/llm/usage/export?format=csv&account=", "/api/v1/llm/credits/history/export?format=csv&account=");

    @Test
    void theAnalyticsRoutesShowAnotherAccountToNobody() throws Exception {
        Owner alice = owner("Alice");
        Owner bob = owner("Bob");
        for (String route : ACCOUNT_PARAMETER_ROUTES) {
            String path = route + alice.account;
            assertThat(gateway.get(path, null).status()).as("no credential: " + route).isEqualTo(401);
            GatewayClient.Reply peek = gateway.get(path, bob.key);
            assertThat(peek.status()).as(route + " -> " + peek.raw().body()).isEqualTo(404);
            assertThat(peek.raw().body()).doesNotContain("Alice", alice.requestId);
            assertThat(gateway.get(path, GatewayClient.ADMIN_KEY).status()).as("the admin: " + route).isEqualTo(200);
        }
    }

    @Test
    void graphQlNeverShowsAnotherAccountThroughAnyFieldArgumentOrAlias() throws Exception {
        Owner alice = owner("Alice");
        Owner bob = owner("Bob");
        String query = "{ mine: account(id: \"" + bob.account + "\") { name }"
                + " a: account(id: \"" + alice.account + "\") { name balance }"
                + " b: usage(accountId: \"" + alice.account + "\") { rows { requestId } totals { requests } } }";
        GatewayClient.Reply reply = gateway.graphql(bob.key, query);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().at("/data/mine/name").asText()).isEqualTo("Bob");
        assertThat(reply.body().at("/data/a").isNull()).isTrue();
        assertThat(reply.body().at("/data/b").isNull()).isTrue();
        assertThat(reply.raw().body()).doesNotContain("Alice", alice.requestId);
        List<String> classifications = new ArrayList<>();
        reply.body().path("errors").forEach(e -> classifications.add(e.at("/extensions/classification").asText()));
        assertThat(classifications).containsExactly("NOT_FOUND", "NOT_FOUND");
        assertThat(gateway.graphql(null, query).status()).isEqualTo(401);
    }

    /** An account with a key, credits, a provider key of its own and one charged request. */
    private Owner owner(String name) throws Exception {
        String account = gateway.openAccount(name, "starter");
        String key = gateway.issueKey(account);
        gateway.grant(account, "5");
        HttpResponse<String> added = gateway.send("POST", "/api/v1/byok/keys/add", key,
                "{\"provider\":\"openai\",\"api_key\":\"" + OPENAI_KEY + "\"}", Map.of());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        HttpResponse<String> completion = gateway.send("POST", "/v1/chat/completions", key,
                "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hello " + name + "\"}]}",
                Map.of());
        assertThat(completion.statusCode()).as(completion.body()).isEqualTo(200);
        String requestId = completion.headers().firstValue("X-Request-Id").orElseThrow();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (gateway.get("/api/v1/llm/requests/" + requestId + "/explain", key).status() != 200) {
            assertThat(System.nanoTime()).as("the request's explanation is projected").isLessThan(deadline);
            Thread.sleep(20);
        }
        GatewayClient.Reply selfService = gateway.post("/api/v1/keys", key, "{\"name\":\"ci\"}");
        assertThat(selfService.status()).as(selfService.raw().body()).isEqualTo(201);
        GatewayClient.Reply response = gateway.post("/v1/responses", key,
                "{\"model\":\"sim-echo\",\"input\":\"kept for " + name + "\"}");
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return new Owner(account, key, requestId, selfService.body().path("id").asText(),
                response.body().path("id").asText());
    }

    private record Owner(String account, String key, String requestId, String keyId, String responseId) {
    }

    private static String concrete(String pattern, Owner owner) {
        if (pattern.startsWith("/v1/responses/")) {
            return pattern.replace("{id}", owner.responseId);
        }
        return pattern.replace("{accountId}", owner.account).replace("{requestId}", owner.requestId)
                .replace("{keyId}", owner.keyId).replace("{provider}", "openai").replace("{id}", "sim").replace("{name}", "usage");
    }

    private static String bodyFor(String path) {
        if (path.endsWith("/power-level")) {
            return "{\"power_level\":\"eco\"}";
        }
        if (path.endsWith("/byok")) {
            return "{\"prefer_byok\":false}";
        }
        if (path.endsWith("/rate-limits")) {
            return "{\"requests_per_minute\":1,\"tokens_per_minute\":1}";
        }
        if (path.endsWith("/credits") || path.endsWith("/refunds")) {
            return "{\"credits\":1,\"reason\":\"x\"}";
        }
        return null;
    }

    /** What Bob could have changed of Alice's: balance, history, preferences, keys. */
    private String state(Owner owner) {
        return gateway.balance(owner.key) + "\n" + gateway.events(owner.account).size() + "\n"
                + gateway.get("/api/v1/llm/users/" + owner.account + "/power-level", owner.key).raw().body() + "\n"
                + gateway.get("/api/v1/llm/users/" + owner.account + "/byok", owner.key).raw().body() + "\n"
                + gateway.get("/api/v1/byok/keys", owner.key).raw().body() + "\n"
                + gateway.get("/api/v1/keys", owner.key).raw().body().replaceAll("\"last_used_at\":(null|\"[^\"]*\")", "") + "\n"
                + gateway.get("/api/v1/llm/requests/" + owner.requestId + "/explain", owner.key).status() + "\n"
                + gateway.get("/v1/responses/" + owner.responseId, owner.key).raw().body();
    }

    private List<String> routes() {
        return MappedRoutes.of(mappings);
    }
}
