package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 11's hostile inputs, each answered in the route's own error shape with a 4xx and nothing
 * changed: huge and malformed numbers, strict JSON types, bad query parameters, routing rules
 * replaced only whole, Tomcat's own refusals, {@code /error}, and GraphQL's limits and arguments.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HardeningEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "hardening");
    }

    @LocalServerPort
    int port;

    GatewayClient gateway;

    @BeforeEach
    void setUp() {
        gateway = new GatewayClient(port);
    }

    private String fundedKey(String name) {
        String account = gateway.openAccount(name, "enterprise");
        gateway.grant(account, "10");
        return gateway.issueKey(account);
    }

    private HttpResponse<String> send(String method, String path, String bearer, String body) {
        return gateway.send(method, path, bearer, body, Map.of());
    }

    /** A 400 in OpenAI's shape whose message mentions {@code mentions}. */
    private static JsonNode openAi400(HttpResponse<String> reply, String mentions) throws IOException {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(400);
        JsonNode body = JSON.readTree(reply.body());
        assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.at("/error/message").asText()).contains(mentions);
        assertThat(reply.body()).doesNotContain("Exception", "dev.switchgear", "java.");
        return body;
    }

    @Test
    void aCapOrAGrantOfAHugeNumberIsRefusedAndChangesNothing() throws Exception {
        String account = gateway.openAccount("Huge", "enterprise");
        gateway.grant(account, "10");
        String key = gateway.issueKey(account);
        JsonNode before = gateway.get("/api/v1/llm/credits", key).body();
        JsonNode events = gateway.events(account);
        for (String huge : new String[] {"\"1e999999999\"", "1e999999999", "\"1e2147483647\"", "-1e999999999",
                "\"-1e-2147483648\"", "12345678901234567890123", "\"NaN\"", "\"Infinity\"", "true", "[1]"}) {
            openAi400(send("PUT", "/api/v1/llm/credits/cap", key, "{\"monthly_cap\":" + huge + "}"), "monthly_cap");
            openAi400(send("PUT", "/api/v1/llm/credits/low-balance-threshold", key, "{\"threshold\":" + huge + "}"),
                    "threshold");
            openAi400(send("POST", "/api/v1/admin/accounts/" + account + "/credits", GatewayClient.ADMIN_KEY,
                    "{\"credits\":" + huge + ",\"reason\":\"x\"}"), "credits");
            openAi400(send("POST", "/api/v1/admin/accounts/" + account + "/refunds", GatewayClient.ADMIN_KEY,
                    "{\"credits\":" + huge + "}"), "credits");
        }
        assertThat(gateway.get("/api/v1/llm/credits", key).body()).isEqualTo(before);
        assertThat(gateway.events(account)).isEqualTo(events);
        assertThat(send("PUT", "/api/v1/llm/credits/cap", key, "{\"monthly_cap\":\"25.5\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void pagesSizesOffsetsAndLimitsThatAreNotSmallWholeNumbersAre400() throws Exception {
        String account = gateway.openAccount("Pages", "starter");
        String key = gateway.issueKey(account);
        for (String query : new String[] {"page=abc", "size=abc", "page=99999999999", "size=100000", "page=-1",
                "size=0", "page=1.5", "page=1e3", "page=2147483647", "page=%20", "size=+"}) {
            JsonNode body = openAi400(send("GET", "/api/v1/llm/credits/history?" + query, key, null), "");
            assertThat(body.at("/error/param").asText()).isIn("page", "size");
        }
        for (String query : new String[] {"from=abc", "limit=abc", "from=99999999999999999999", "limit=99999999999",
                "limit=0", "from=-1", "limit=1.5", "from=%20"}) {
            JsonNode body = openAi400(send("GET", "/api/v1/admin/accounts/" + account + "/events?" + query,
                    GatewayClient.ADMIN_KEY, null), "");
            assertThat(body.at("/error/param").asText()).isIn("from", "limit");
        }
        for (String query : new String[] {"page=%00", "size=%20%09", "from=%1F", "limit=%7F", "page=%F4%8F%BF%BF"}) {
            String path = query.startsWith("page") || query.startsWith("size") ? "/api/v1/llm/credits/history?"
                    : "/api/v1/admin/accounts/" + account + "/events?";
            JsonNode body = openAi400(send("GET", path + query, query.startsWith("page") || query.startsWith("size")
                    ? key : GatewayClient.ADMIN_KEY, null), "query parameter");
            assertThat(body.at("/error/code").asText()).as(query).isEqualTo("request_rejected");
        }
        assertThat(send("GET", "/api/v1/llm/credits/history?page=3&size=200", key, null).statusCode()).isEqualTo(200);
        openAi400(send("DELETE", "/api/v1/llm/models", GatewayClient.ADMIN_KEY, null), "`id`");
    }

    @Test
    void stringsAreNotBooleansAndFractionsAreNotIntegers() throws Exception {
        String key = fundedKey("Strict");
        long balance = gateway.balance(key);
        String messages = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
        openAi400(send("POST", "/v1/chat/completions", key, "{\"model\":\"sim-echo\",\"stream\":\"yes\"," + messages
                + "}"), "stream");
        openAi400(send("POST", "/v1/chat/completions", key, "{\"model\":\"sim-echo\",\"max_tokens\":1.5," + messages
                + "}"), "max_tokens");
        openAi400(send("POST", "/v1/chat/completions", key, "{\"model\":\"sim-echo\",\"max_tokens\":1e999999999,"
                + messages + "}"), "max_tokens");
        openAi400(send("POST", "/v1/chat/completions", key, "{\"model\":\"sim-echo\",\"n\":1000000," + messages
                + "}"), "`n`");
        openAi400(send("POST", "/v1/chat/completions", key, "{\"model\":\"sim-echo\",\"n\":0," + messages + "}"), "`n`");
        openAi400(send("POST", "/v1/chat/completions", key, "{\"model\":\"sim-echo\",\"n\":\"2\"," + messages + "}"),
                "`n`");
        openAi400(send("POST", "/v1/chat/completions", key, "{\"model\":\"sim-echo\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":\"yes\"}," + messages + "}"), "include_usage");
        openAi400(send("POST", "/api/v1/llm/credits/purchase", key, "{\"amount_usd\":5.5}"), "amount_usd");
        openAi400(send("POST", "/api/v1/llm/credits/purchase", key, "{\"amount_usd\":\"25\"}"), "amount_usd");
        assertThat(gateway.balance(key)).isEqualTo(balance);
        assertThat(send("POST", "/v1/chat/completions", key, "{\"model\":\"sim-echo\",\"n\":1,\"max_tokens\":8,"
                + messages + "}").statusCode()).isEqualTo(200);
    }

    @Test
    void anthropicRouteRefusesInAnthropicShape() throws Exception {
        String key = fundedKey("Anthropic shape");
        long balance = gateway.balance(key);
        String messages = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
        for (String body : new String[] {"{\"model\":\"sim-echo\",\"max_tokens\":1.5," + messages + "}",
                "{\"model\":\"sim-echo\",\"max_tokens\":8,\"stream\":\"yes\"," + messages + "}",
                "{\"model\":\"sim-echo\",\"max_tokens\":\"8\"," + messages + "}",
                "{\"model\":\"sim-echo\",\"max_tokens\":1e999999999," + messages + "}", "{", "[]"}) {
            HttpResponse<String> reply = send("POST", "/v1/messages", key, body);
            assertThat(reply.statusCode()).as(body).isEqualTo(400);
            JsonNode error = JSON.readTree(reply.body());
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.at("/error/type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.has("error") && error.get("error").has("code")).isFalse();
        }
        HttpResponse<String> unreadableAccept = gateway.send("POST", "/v1/messages", key, "{\"model\":\"sim-echo\","
                + "\"max_tokens\":8," + messages + "}", Map.of("Accept", "not a type"));
        assertThat(unreadableAccept.statusCode()).isEqualTo(406);
        assertThat(JSON.readTree(unreadableAccept.body()).path("type").asText()).isEqualTo("error");
        HttpResponse<String> wrongMethod = gateway.send("PUT", "/v1/messages", key, "{}", Map.of());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(wrongMethod.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(JSON.readTree(wrongMethod.body()).path("type").asText()).isEqualTo("error");
        assertThat(gateway.balance(key)).isEqualTo(balance);
    }

    @Test
    void errorsAreJsonWhateverTheClientAccepts() throws Exception {
        for (String accept : new String[] {"text/html", "application/xml", "not a type", "null"}) {
            for (String path : new String[] {"/api/v1/llm/credits", "/error", "/api/v1/llm/credits/history?page=x"}) {
                HttpResponse<String> reply = gateway.send("GET", path, GatewayClient.ADMIN_KEY, null,
                        Map.of("Accept", accept));
                assertThat(reply.statusCode()).as(path + " " + accept).isBetween(400, 499);
                assertThat(JSON.readTree(reply.body()).at("/error/message").asText()).as(path + " " + accept)
                        .isNotBlank();
            }
        }
    }

    @Test
    void routingRulesArePutOnlyWholeAndPatchedByMergePatch() throws Exception {
        String admin = GatewayClient.ADMIN_KEY;
        JsonNode rules = JSON.readTree(send("GET", "/api/v1/llm/routing/rules", admin, null).body());
        assertThat(rules.get("chains").size()).isPositive();
        for (String bad : new String[] {"{}", "{\"chains\":{}}", "{\"chains\":[],\"quality_floors\":{},\"max_attempts\":3}",
                "{\"chains\":{\"fast\":\"sim-echo\"},\"quality_floors\":{},\"max_attempts\":3}",
                "{\"chains\":{\"fast\":[1]},\"quality_floors\":{},\"max_attempts\":3}",
                "{\"chains\":{},\"quality_floors\":{\"eco\":\"10\"},\"max_attempts\":3}",
                "{\"chains\":{},\"quality_floors\":{},\"max_attempts\":3.5}",
                "{\"chains\":{},\"quality_floors\":{},\"max_attempts\":\"3\"}",
                "{\"chains\":{},\"quality_floors\":{},\"max_attempts\":3,\"extra\":1}"}) {
            openAi400(send("PUT", "/api/v1/llm/routing/rules", admin, bad), "");
            assertThat(JSON.readTree(send("GET", "/api/v1/llm/routing/rules", admin, null).body())).as(bad)
                    .isEqualTo(rules);
        }
        openAi400(send("PATCH", "/api/v1/llm/routing/rules", admin, "{\"max_attempts\":\"4\"}"), "max_attempts");
        openAi400(send("PATCH", "/api/v1/llm/routing/rules", admin, "{\"chains\":null}"), "chains");
        assertThat(JSON.readTree(send("GET", "/api/v1/llm/routing/rules", admin, null).body())).isEqualTo(rules);

        HttpResponse<String> patched = send("PATCH", "/api/v1/llm/routing/rules", admin,
                "{\"max_attempts\":4,\"quality_floors\":{\"precision\":null}}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        JsonNode after = JSON.readTree(patched.body());
        assertThat(after.get("chains")).isEqualTo(rules.get("chains"));
        assertThat(after.get("max_attempts").asInt()).isEqualTo(4);
        assertThat(after.at("/quality_floors/precision").asInt()).isZero();
        assertThat(after.at("/quality_floors/eco")).isEqualTo(rules.at("/quality_floors/eco"));
        assertThat(after.get("catalog_version").asLong()).isGreaterThan(rules.get("catalog_version").asLong());

        HttpResponse<String> put = send("PUT", "/api/v1/llm/routing/rules", admin, rules.toString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(JSON.readTree(put.body()).get("quality_floors")).isEqualTo(rules.get("quality_floors"));
    }

    @Test
    void errorPathAnswers404() throws Exception {
        HttpResponse<String> reply = send("GET", "/error", GatewayClient.ADMIN_KEY, null);
        assertThat(reply.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(reply.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        HttpResponse<String> anonymous = send("GET", "/error", null, null);
        assertThat(anonymous.statusCode()).as("deny by default: no caller, no route").isIn(401, 404);
        assertThat(JSON.readTree(anonymous.body()).at("/error/message").asText()).isNotBlank();
    }

    @Test
    void tomcatsOwnRefusalsComeAsJson() throws Exception {
        String big = "a".repeat(20_000);
        String[] requests = {
            "GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\nConnection: close\r\n\r\n",
            "GET /v1/models HTTP/1.1\r\nHost: x\r\nThis is not a header\r\nConnection: close\r\n\r\n",
            "GET /api/v1%2Fllm/credits HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /v1/mo%00dels HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /v1/{models} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /v1/models?x=" + big + "&y=" + big + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /v1/messages HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\nConnection: close\r\n\r\n",
        };
        for (String request : requests) {
            String[] reply = raw(request);
            assertThat(reply[0]).as(request.substring(0, 40)).matches("HTTP/1.1 4\\d\\d.*");
            assertThat(reply[1]).as(reply[0]).doesNotContain("<html", "Tomcat", "Exception");
            JsonNode body = JSON.readTree(reply[1]);
            if (request.startsWith("GET /v1/messages")) {
                assertThat(body.path("type").asText()).isEqualTo("error");
                assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
            } else {
                assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
                assertThat(body.at("/error/message").asText()).isNotBlank();
            }
        }
    }

    /** One request over a raw socket: the status line and the body (de-chunked when chunked). */
    private String[] raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    all.write(buffer, 0, n);
                }
            } catch (IOException reset) {
                // Tomcat may close the connection hard after refusing the request; what came is enough.
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                StringBuilder plain = new StringBuilder();
                int at = 0;
                while (at < body.length()) {
                    int lineEnd = body.indexOf("\r\n", at);
                    int size = Integer.parseInt(body.substring(at, lineEnd).strip(), 16);
                    if (size == 0) {
                        break;
                    }
                    plain.append(body, lineEnd + 2, lineEnd + 2 + size);
                    at = lineEnd + 2 + size + 2;
                }
                body = plain.toString();
            }
            return new String[] {head.lines().findFirst().orElse(""), body};
        }
    }

    @Test
    void graphQlRefusesAThousandAliasesQuickly() throws Exception {
        String account = gateway.openAccount("Aliases", "starter");
        String key = gateway.issueKey(account);
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < 1000; i++) {
            query.append(" a").append(i).append(": usage(accountId: \"").append(account)
                    .append("\") { totals { requests } }");
        }
        query.append(" }");
        GatewayClient.Reply reply = gateway.graphql(key, query.toString());
        assertThat(reply.body().has("data") && !reply.body().get("data").isNull()).isFalse();
        assertThat(reply.body().at("/errors/0/message").asText()).contains("1000 aliases");
    }

    @Test
    void graphQlLimitsDepthAndComplexity() {
        String account = gateway.openAccount("Limits", "starter");
        String key = gateway.issueKey(account);
        String deep = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } }";
        assertThat(gateway.graphql(key, deep).body().at("/errors/0/message").asText()).contains("depth");
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 19; i++) {
            wide.append(" u").append(i).append(": usage(accountId: \"").append(account).append("\") { accountId from to"
                    + " truncated rows { requestId model provider inputTokens outputTokens usageEstimated byok cost"
                    + " charged chargedMicroCredits chargedAt } totals { requests inputTokens outputTokens cost charged"
                    + " chargedMicroCredits } }");
        }
        wide.append(" }");
        assertThat(gateway.graphql(key, wide.toString()).body().at("/errors/0/message").asText()).contains("complexity");
        assertThat(gateway.graphql(key, "{ usage(accountId: \"" + account + "\") { totals { requests } } }").body()
                .at("/data/usage/totals/requests").asLong()).isZero();
    }

    @Test
    void graphQlBadArgumentsAreNamedErrorsNotInternalOnes() {
        String account = gateway.openAccount("Arguments", "starter");
        String key = gateway.issueKey(account);
        String[][] cases = {
            {"from: \"+999999999-01-01T00:00:00Z\"", "from"},
            {"to: \"-999999999-01-01T00:00:00Z\"", "to"},
            {"from: \"yesterday\"", "from"},
            {"from: \"2026-02-01T00:00:00Z\", to: \"2026-01-01T00:00:00Z\"", "from"},
        };
        for (String[] c : cases) {
            JsonNode body = gateway.graphql(key, "{ usage(accountId: \"" + account + "\", " + c[0]
                    + ") { totals { requests } } }").body();
            assertThat(body.at("/errors/0/extensions/classification").asText()).as(c[0]).isEqualTo("BAD_REQUEST");
            assertThat(body.at("/errors/0/extensions/argument").asText()).isEqualTo(c[1]);
            assertThat(body.at("/errors/0/message").asText()).contains("`" + c[1] + "`");
        }
        for (String query : new String[] {"{ account(id: \"not an id!\") { name } }",
                "{ usage(accountId: \"\") { totals { requests } } }"}) {
            JsonNode body = gateway.graphql(key, query).body();
            assertThat(body.at("/errors/0/extensions/classification").asText()).as(query).isEqualTo("BAD_REQUEST");
            assertThat(body.at("/errors/0/message").asText()).contains("is not an account id");
        }
    }

    @Test
    void graphQlRefusesABodyThatIsNoRequest() throws Exception {
        String key = gateway.issueKey(gateway.openAccount("Null body", "starter"));
        for (String body : new String[] {"null", " null ", "[]", "\"query\"", "{"}) {
            HttpResponse<String> reply = send("POST", "/graphql", key, body);
            assertThat(reply.statusCode()).as(body).isEqualTo(400);
            assertThat(reply.body()).doesNotContain("Exception", "java.");
        }
        GatewayClient.Reply fine = gateway.graphql(key, "{ __typename }");
        assertThat(fine.body().at("/data/__typename").asText()).isEqualTo("Query");
    }

    @Test
    void graphQlIntrospectionIsForSignedInCallers() {
        String key = gateway.issueKey(gateway.openAccount("Introspect", "starter"));
        String query = "{ __schema { queryType { name } } }";
        assertThat(gateway.graphql(key, query).body().at("/data/__schema/queryType/name").asText()).isEqualTo("Query");
        GatewayClient.Reply anonymous = gateway.graphql(null, query);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.raw().body()).doesNotContain("queryType");
    }
}
