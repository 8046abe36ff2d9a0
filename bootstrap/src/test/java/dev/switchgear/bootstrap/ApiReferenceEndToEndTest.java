package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
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
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The API reference (ADR 0019) on a started gateway: every REST handler is in {@code /v3/api-docs},
 * each with a summary, a success response and the error responses its rule says, in the shape the
 * routes really answer; the document and its page are public.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiReferenceEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "api-docs");
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
    void everyRestHandlerOfOursIsAnOperationInTheDocument() throws Exception {
        Set<String> documented = operations(document()).keySet();
        Set<String> handlers = ourRoutes();
        assertThat(handlers).hasSizeGreaterThan(40).contains("POST /v1/chat/completions", "POST /v1/messages",
                "GET /api/v1/llm/models", "GET /v1/models", "DELETE /api/v1/admin/accounts/{accountId}/api-keys/{keyId}");
        assertThat(documented).containsAll(handlers);
        assertThat(documented).as("nothing documented that is not served").isSubsetOf(handlers);
    }

    @Test
    void theDocumentIsOpenApi31AndEveryOperationHasASummaryASuccessAndTheErrorsItsRuleSays() throws Exception {
        JsonNode doc = document();
        assertThat(doc.path("openapi").asText()).startsWith("3.1");
        Map<String, JsonNode> operations = operations(doc);
        List<String> problems = new ArrayList<>();
        operations.forEach((route, operation) -> {
            String path = route.substring(route.indexOf(' ') + 1);
            JsonNode responses = operation.path("responses");
            if (operation.path("summary").asText().isBlank()) {
                problems.add(route + ": no summary (add it to ApiReference)");
            }
            if (operation.has("requestBody")
                    && operation.at("/requestBody/content/application~1json/examples/example/value").isMissingNode()) {
                problems.add(route + ": a request body without an example");
            }
            boolean success = false;
            for (Iterator<String> codes = responses.fieldNames(); codes.hasNext(); ) {
                success |= codes.next().startsWith("2");
            }
            if (!success) {
                problems.add(route + ": no success response");
            }
            String shape = path.startsWith("/v1/messages") ? "AnthropicError" : "OpenAiError";
            List<String> expected = new ArrayList<>();
            if (!ApiReferenceRules.isPublic(route)) {
                expected.add("401");
                if (operation.path("security").isEmpty()) {
                    problems.add(route + ": no security requirement");
                }
            }
            if (ApiReferenceRules.isAdmin(route) || ApiReferenceRules.TIER_GATED.contains(route)) {
                expected.add("403");
            }
            if (path.contains("{")) {
                expected.add("404");
            }
            if (operation.has("requestBody")) {
                expected.add("400");
            }
            if (ApiReferenceRules.COMPLETIONS.contains(route)) {
                expected.addAll(List.of("402", "409", "429"));
            }
            for (String status : expected) {
                String ref = responses.path(status).at("/content/application~1json/schema/$ref").asText();
                if (!ref.equals("#/components/schemas/" + shape)) {
                    problems.add(route + ": " + status + " is not documented as " + shape + " (" + ref + ")");
                }
            }
        });
        assertThat(problems).isEmpty();
        assertThat(operations.get("DELETE /api/v1/admin/accounts/{accountId}/keyring").path("responses").has("403"))
                .isTrue();
        assertThat(operations.get("GET /api/v1/llm/credits").path("responses").has("403")).isFalse();
        assertThat(operations.get(ApiReferenceRules.WEBHOOK).path("responses").has("401")).isFalse();
    }

    @Test
    void everyRouteDocumentedAsAdministratorsOnlyReallyRefusesAnAccountKey() throws Exception {
        String account = gateway.openAccount("Documented 403", "starter");
        String key = gateway.issueKey(account);
        List<String> admin = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : operations(document()).entrySet()) {
            if (!entry.getValue().path("responses").has("403") || !ApiReferenceRules.isAdmin(entry.getKey())) {
                continue;
            }
            admin.add(entry.getKey());
            String method = entry.getKey().substring(0, entry.getKey().indexOf(' '));
            String path = entry.getKey().substring(entry.getKey().indexOf(' ') + 1)
                    .replaceAll("\\{[^}]+}", account);
            HttpResponse<String> response = gateway.send(method, path, key, "{}", Map.of());
            assertThat(response.statusCode()).as(entry.getKey() + " -> " + response.body()).isEqualTo(403);
            assertThat(JSON.readTree(response.body()).at("/error/message").asText()).isNotBlank();
        }
        assertThat(admin).hasSizeGreaterThan(15).contains("POST /api/v1/llm/test", "POST /api/v1/admin/accounts");
    }

    @Test
    void theDocumentedErrorSchemasAreTheShapesTheRoutesReallySend() throws Exception {
        JsonNode schemas = document().at("/components/schemas");
        HttpResponse<String> openAi = gateway.send("GET", "/api/v1/llm/credits", null, null, Map.of());
        assertThat(openAi.statusCode()).isEqualTo(401);
        assertMatches(JSON.readTree(openAi.body()), schemas.path("OpenAiError"), schemas);
        HttpResponse<String> anthropic = gateway.send("POST", "/v1/messages", null, "{}", Map.of());
        assertThat(anthropic.statusCode()).isEqualTo(401);
        assertMatches(JSON.readTree(anthropic.body()), schemas.path("AnthropicError"), schemas);
    }

    @Test
    void theDocumentAndItsPageAnswerWithoutAKey() throws Exception {
        HttpResponse<String> docs = gateway.send("GET", "/v3/api-docs", null, null, Map.of());
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(docs.body()).path("paths").size()).isGreaterThan(30);
        HttpResponse<String> page = gateway.send("GET", "/swagger-ui/index.html", null, null, Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        HttpResponse<String> config = gateway.send("GET", "/v3/api-docs/swagger-config", null, null, Map.of());
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(config.body()).path("url").asText()).isEqualTo("/v3/api-docs");
        HttpResponse<String> script = gateway.send("GET", "/swagger-ui/swagger-ui-bundle.js", null, null, Map.of());
        assertThat(script.statusCode()).isEqualTo(200);
    }

    /** Checks a real body against the documented schema: every required property present, no undocumented one. */
    private static void assertMatches(JsonNode body, JsonNode schema, JsonNode schemas) {
        JsonNode resolved = schema.has("$ref")
                ? schemas.path(schema.path("$ref").asText().substring("#/components/schemas/".length())) : schema;
        assertThat(resolved.path("type").toString()).contains("object");
        Set<String> documented = new TreeSet<>();
        resolved.path("properties").fieldNames().forEachRemaining(documented::add);
        Set<String> sent = new TreeSet<>();
        body.fieldNames().forEachRemaining(sent::add);
        assertThat(sent).as("fields of " + body).isEqualTo(documented);
        resolved.path("required").forEach(name -> assertThat(body.has(name.asText())).isTrue());
        resolved.path("properties").fields().forEachRemaining(property -> {
            JsonNode value = body.path(property.getKey());
            String types = property.getValue().path("type").toString();
            if (value.isObject()) {
                assertMatches(value, property.getValue(), schemas);
            } else if (value.isNull()) {
                assertThat(types).as(property.getKey()).contains("null");
            } else {
                assertThat(types).as(property.getKey()).contains("string");
            }
        });
    }

    private JsonNode document() throws Exception {
        HttpResponse<String> response = gateway.send("GET", "/v3/api-docs", null, null, Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        Files.writeString(Path.of("target", "openapi.json"), response.body());
        return JSON.readTree(response.body());
    }

    private static Map<String, JsonNode> operations(JsonNode doc) {
        Map<String, JsonNode> operations = new java.util.TreeMap<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (HTTP_METHODS.contains(operation.getKey())) {
                operations.put(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue());
            }
        }));
        return operations;
    }

    /** Spring MVC's handlers of our own packages (springdoc's own endpoints and {@code /error} left out). */
    private Set<String> ourRoutes() {
        Set<String> routes = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            if (!entry.getValue().getBeanType().getPackageName().startsWith("dev.switchgear")) {
                continue;
            }
            RequestMappingInfo info = entry.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals("/error")) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    routes.add(method.name() + " " + pattern);
                }
            }
        }
        return routes;
    }
}
