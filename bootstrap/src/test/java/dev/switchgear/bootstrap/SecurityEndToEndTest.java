package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Authentication and authorization over real HTTP (ADR 0013): ambiguous spellings of a path are
 * refused, every route that Spring MVC maps needs a key unless it is public on purpose, admin
 * routes refuse an account key and change nothing, actuator endpoints other than health are for the
 * administrator, GraphQL answers 401 without a key, and nothing creates a session.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE_ID = "00000000-0000-4000-8000-000000000001";

    /** Routes the administrator alone may call, besides everything under /api/v1/admin/. */
    private static final Set<String> ADMIN_ROUTES_ELSEWHERE = Set.of("POST /api/v1/llm/providers",
            "DELETE /api/v1/llm/providers/{id}", "POST /api/v1/llm/models", "DELETE /api/v1/llm/models",
            "PUT /api/v1/llm/routing/rules", "POST /api/v1/llm/test");
    /** Under /api/v1/admin/ but open to an account for its own account (the service answers 404 for others). */
    private static final String OWN_HISTORY = "GET /api/v1/admin/accounts/{accountId}/events";
    /** The Stripe webhook, and the API reference (springdoc's own handlers, ADR 0019) while it is served. */
    private static final Set<String> PUBLIC = Set.of("POST /api/v1/billing/webhooks/stripe", "GET /v3/api-docs",
            "GET /v3/api-docs.yaml", "GET /v3/api-docs/swagger-config", "GET /swagger-ui.html");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "security");
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    GatewayClient gateway;
    RawHttp raw;

    @BeforeEach
    void setUp() {
        gateway = new GatewayClient(port);
        raw = new RawHttp(port);
    }

    @Test
    void ambiguousSpellingsOfAPathAreRefusedOrNeedAKeyNeverAnswered() throws Exception {
        List<String> routes = List.of("/api/v1/llm/providers", "/api/v1/llm/catalog/models",
                "/api/v1/llm/routing/rules", "/api/v1/byok/providers", "/api/v1/llm/credits/packages",
                "/actuator/metrics");
        List<String> refusedByTheFirewall = new ArrayList<>();
        for (String route : routes) {
            String head = route.substring(1, route.indexOf('/', 1));
            String tail = route.substring(route.indexOf('/', 1));
            List<String> spellings = List.of(
                    "/%" + Integer.toHexString(head.charAt(0)) + head.substring(1) + tail,
                    "/" + head + ";x=1" + tail,
                    route + ";x=1",
                    route.replace("/v1/", "/v1;jsessionid=1/"),
                    "/" + head + "/." + tail,
                    "/" + head + "/x/.." + tail,
                    "/" + head + "/%2e" + tail,
                    "/" + head + "/%2E%2E/" + head + tail,
                    "/" + head + "/" + tail,
                    "/" + head + "%2F" + tail.substring(1),
                    "/" + head + "%2f" + tail.substring(1),
                    "/" + head + "%5C" + tail.substring(1),
                    "/" + head + "\\" + tail.substring(1),
                    route + "%00",
                    route + "%0a",
                    "/" + head + "/%252e" + tail,
                    route.toUpperCase(java.util.Locale.ROOT));
            for (String spelling : spellings) {
                RawHttp.Response response = raw.send("GET", spelling, null);
                assertThat(response.status()).as("GET " + spelling + " -> " + response.body()).isIn(400, 401);
                if (response.status() == 400 && response.body().contains("request_rejected")) {
                    refusedByTheFirewall.add(spelling);
                    assertThat(JSON.readTree(response.body()).at("/error/type").asText())
                            .isEqualTo("invalid_request_error");
                }
                if (response.status() == 401) {
                    assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
                }
            }
        }
        assertThat(refusedByTheFirewall).as("the firewall answered these itself, in JSON")
                .contains("/api;x=1/v1/llm/providers", "/api/v1/llm/providers;x=1", "/api/%2e/v1/llm/providers");

        // The same spellings with an account key on an admin route: refused, never carried out.
        String account = gateway.openAccount("Spelling", "starter");
        String key = gateway.issueKey(account);
        for (String spelling : List.of("/api/v1/%61dmin/accounts", "/api/v1/admin;x=1/accounts",
                "/api/v1/admin/accounts;x=1", "/api/v1//admin/accounts", "/api/v1/x/../admin/accounts",
                "/api/v1/%2e/admin/accounts")) {
            RawHttp.Response response = raw.send("POST", spelling, "{\"name\":\"x\",\"tier\":\"free\"}",
                    "Authorization: Bearer " + key);
            assertThat(response.status()).as("POST " + spelling + " -> " + response.body()).isIn(400, 403);
        }
    }

    @Test
    void thePublicEndpointsAnswerWithoutAKey() {
        assertThat(gateway.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(gateway.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(gateway.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(gateway.get("/v3/api-docs", null).status()).isEqualTo(200);
        assertThat(gateway.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
        GatewayClient.Reply webhook = gateway.post("/api/v1/billing/webhooks/stripe", null, "{}");
        assertThat(webhook.status()).as(webhook.raw().body()).isNotIn(401, 403).isLessThan(500);
    }

    @Test
    void everyMappedRouteThatIsNotPublicNeedsAKey() throws Exception {
        List<String> routes = routes();
        assertThat(routes).hasSizeGreaterThan(30).contains("POST /v1/chat/completions", "POST /v1/messages",
                "DELETE /api/v1/admin/accounts/{accountId}/keyring");
        for (String route : routes) {
            if (PUBLIC.contains(route) || route.endsWith(" /error")) {
                continue;
            }
            String method = route.substring(0, route.indexOf(' '));
            String path = concrete(route.substring(route.indexOf(' ') + 1));
            HttpResponse<String> response = gateway.send(method, path, null, "{}", Map.of());
            assertThat(response.statusCode()).as(route + " -> " + response.body()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(route).contains("Bearer");
            JsonNode body = JSON.readTree(response.body());
            if (path.startsWith("/v1/messages")) {
                assertThat(body.path("type").asText()).isEqualTo("error");
                assertThat(body.at("/error/type").asText()).isEqualTo("authentication_error");
            } else {
                assertThat(body.at("/error/code").asText()).as(route).isEqualTo("invalid_api_key");
                assertThat(body.at("/error/message").asText()).contains("didn't provide an API key");
            }
            assertThat(response.headers().firstValue("Set-Cookie")).as(route).isEmpty();
        }
        HttpResponse<String> wrong = gateway.send("GET", "/api/v1/llm/providers", "sg-wrong-key", null, Map.of());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrong.body()).at("/error/message").asText()).isEqualTo("Incorrect API key provided.");
        HttpResponse<String> basic = gateway.send("GET", "/api/v1/llm/providers", null, null,
                Map.of("Authorization", "Basic YWRtaW46YWRtaW4="));
        assertThat(basic.statusCode()).isEqualTo(401);
    }

    @Test
    void anAccountKeyIsRefusedOnEveryAdminRouteAndNothingChanges() throws Exception {
        String account = gateway.openAccount("Not an admin", "starter");
        String key = gateway.issueKey(account);
        gateway.grant(account, "5");
        assertThat(gateway.send("POST", "/api/v1/byok/keys/add", key,
                "{\"provider\":\"openai\",\"api_key\":\"sk-proj-" + "a".repeat(40) + "\"}", Map.of()).statusCode())
                .isEqualTo(201);
        String before = state(key, account);
        String keyId = JSON.readTree(gateway.send("GET", "/api/v1/keys", key, null, Map.of()).body())
                .at("/data/0/id").asText();

        List<String> adminRoutes = routes().stream().filter(r -> (r.contains(" /api/v1/admin/")
                && !r.equals(OWN_HISTORY)) || ADMIN_ROUTES_ELSEWHERE.contains(r)).toList();
        assertThat(adminRoutes).hasSizeGreaterThanOrEqualTo(ADMIN_ROUTES_ELSEWHERE.size() + 7)
                .containsAll(ADMIN_ROUTES_ELSEWHERE).contains("DELETE /api/v1/admin/accounts/{accountId}/keyring");
        for (String route : adminRoutes) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replace("{accountId}", account)
                    .replace("{id}", "openai").replace("{keyId}", keyId).replace("{name}", "usage");
            HttpResponse<String> response = gateway.send(method, path, key, adminBody(path), Map.of());
            assertThat(response.statusCode()).as(route + " -> " + response.body()).isEqualTo(403);
            assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("permission_denied");
        }
        assertThat(state(key, account)).isEqualTo(before);

        // The administrator may (the route is not simply closed).
        HttpResponse<String> erased = gateway.send("DELETE", "/api/v1/admin/accounts/" + account + "/keyring",
                GatewayClient.ADMIN_KEY, null, Map.of());
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(JSON.readTree(erased.body()).path("erased").asInt()).isEqualTo(1);
    }

    @Test
    void actuatorEndpointsOtherThanHealthAreForTheAdministrator() {
        String key = gateway.issueKey(gateway.openAccount("Curious", "free"));
        for (String path : List.of("/actuator/metrics", "/actuator/metrics/jvm.memory.used", "/actuator")) {
            assertThat(gateway.get(path, null).status()).as(path).isEqualTo(401);
            assertThat(gateway.get(path, key).status()).as(path).isEqualTo(403);
        }
        GatewayClient.Reply metrics = gateway.get("/actuator/metrics", GatewayClient.ADMIN_KEY);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body().path("names").size()).isGreaterThan(10);
    }

    @Test
    void graphQlWithoutAValidKeyIsHttp401AndIntrospectionNeedsACaller() throws Exception {
        String introspection = "{ __schema { queryType { name } } }";
        for (String key : new String[] {null, "sg-not-a-key"}) {
            GatewayClient.Reply reply = gateway.graphql(key, introspection);
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.body().at("/errors/0/extensions/classification").asText()).isEqualTo("UNAUTHORIZED");
            assertThat(reply.raw().body()).doesNotContain("Query");
        }
        String key = gateway.issueKey(gateway.openAccount("Introspector", "free"));
        GatewayClient.Reply reply = gateway.graphql(key, introspection);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().at("/data/__schema/queryType/name").asText()).isEqualTo("Query");
    }

    @Test
    void nothingCreatesASessionAndNoPasswordIsGenerated(CapturedOutput output) {
        String key = gateway.issueKey(gateway.openAccount("Stateless", "free"));
        for (GatewayClient.Reply reply : List.of(gateway.get("/api/v1/llm/credits", key),
                gateway.get("/api/v1/llm/credits", null), gateway.get("/actuator/health", null))) {
            assertThat(reply.raw().headers().firstValue("Set-Cookie")).isEmpty();
        }
        assertThat(output.getAll()).doesNotContain("generated security password");
        RawHttp.Response form = raw.send("GET", "/login", null);
        assertThat(form.status()).isEqualTo(401);
    }

    @Test
    void aClientsOwnXForwardedForIsNotBelievedByDefault() {
        RawHttp elsewhere = new RawHttp(port, "127.0.0.3");
        int tooMany = 0;
        for (int i = 0; i < 30; i++) {
            RawHttp.Response response = elsewhere.send("GET", "/api/v1/llm/credits", null,
                    "Authorization: Bearer sg-guess-" + i, "X-Forwarded-For: 198.51.100." + i);
            assertThat(response.status()).isIn(401, 429);
            tooMany += response.status() == 429 ? 1 : 0;
        }
        assertThat(tooMany).as("one address however it names itself").isPositive();
        String key = gateway.issueKey(gateway.openAccount("Neighbour", "free"));
        assertThat(gateway.get("/api/v1/llm/credits", key).status()).as("127.0.0.1 is not slowed").isEqualTo(200);
    }

    private List<String> routes() {
        return MappedRoutes.of(mappings);
    }

    private static String concrete(String pattern) {
        return pattern.replaceAll("\\{[^}]+}", SAMPLE_ID);
    }

    private static String adminBody(String path) {
        if (path.endsWith("/accounts")) {
            return "{\"name\":\"x\",\"tier\":\"free\"}";
        }
        if (path.endsWith("/credits") || path.endsWith("/refunds")) {
            return "{\"credits\":1,\"reason\":\"x\"}";
        }
        if (path.endsWith("/routing/rules")) {
            return "{}";
        }
        if (path.endsWith("/llm/models")) {
            return "{\"id\":\"sim-echo\"}";
        }
        return "{\"id\":\"x\",\"provider\":\"openai\"}";
    }

    /** What an admin route could change: balance, history, keys, catalog and rules. */
    private String state(String key, String account) {
        return gateway.balance(key) + "\n" + gateway.events(account).size() + "\n"
                + gateway.get("/api/v1/byok/keys", key).raw().body() + "\n"
                + gateway.get("/api/v1/llm/providers", key).raw().body().replaceAll("\"latency[^,}]*", "") + "\n"
                + gateway.get("/api/v1/llm/catalog/models", key).raw().body() + "\n"
                + gateway.get("/api/v1/llm/routing/rules", key).raw().body() + "\n"
                + gateway.get("/api/v1/admin/master-key", GatewayClient.ADMIN_KEY).raw().body() + "\n"
                + gateway.post("/api/v1/admin/accounts/" + account + "/api-keys", key, null).status();
    }
}
