package dev.switchgear.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * BYOK end to end, with every log at TRACE: canary keys go in through the API, are tested live,
 * used upstream, refused, removed and erased; then the event store, every table, every captured
 * log line, every response and every metric are searched for them. Also: tier gates, one account
 * never reaching another's keys, custom endpoints behind the egress guard, and BYOK calls charged
 * nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.root=TRACE", "logging.level.org.axonframework=TRACE",
                "logging.level.io.zonky=INFO", "logging.level.org.springframework=DEBUG",
                "logging.level.org.apache.tomcat=DEBUG", "logging.level.org.apache.catalina=DEBUG",
                "logging.level.org.apache.coyote=DEBUG", "logging.level.org.jooq.tools.LoggerListener=TRACE"})
class ByokEndToEndTest {

    /** Canaries in the providers' real formats; each appears only in what this test sends. */
    static final String CANARY = "sk-" + "canaryOpenAi" + UUID.randomUUID().toString().replace("-", "") + "Zz9";
    static final String CUSTOM_CANARY = "custom-canary-" + UUID.randomUUID().toString().replace("-", "");
    static final String WRONG_KEY = "sk-" + "wrongKeyWrongKey" + UUID.randomUUID().toString().replace("-", "");
    static final WireMockServer UPSTREAM = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    static {
        UPSTREAM.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "byok");
        // OpenAI has no platform key here: its models are reachable only with a caller's own key.
        registry.add("switchgear.providers.openai.base-url", () -> UPSTREAM.baseUrl() + "/v1");
        registry.add("switchgear.providers.openai.api-key", () -> "");
        registry.add("switchgear.byok.allowed-hosts", () -> "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        UPSTREAM.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    private final List<String> seen = new ArrayList<>();

    @Test
    void keysWorkStayApartAndAppearInPlaintextNowhere(CapturedOutput output) throws Exception {
        stubUpstream();
        GatewayClient gateway = new GatewayClient(port);
        String alice = gateway.openAccount("Alice", "starter");
        String aliceKey = gateway.issueKey(alice);
        gateway.grant(alice, "100");
        long aliceBalance = gateway.balance(aliceKey);
        String bobKey = gateway.issueKey(gateway.openAccount("Bob", "professional"));
        String freeKey = gateway.issueKey(gateway.openAccount("Free", "free"));

        // Free tier: refused with an upgrade message; Starter: stored, shown masked.
        JsonNode refused = call("POST", "/api/v1/byok/keys/add", freeKey, addKey("openai", CANARY, null), 403);
        assertThat(refused.path("error").path("message").asText()).contains("upgrade");
        assertThat(refused.path("error").path("code").asText()).isEqualTo("upgrade_required");
        call("POST", "/api/v1/byok/keys/add", aliceKey, addKey("openai", "not-a-key", null), 400);
        JsonNode added = call("POST", "/api/v1/byok/keys/add", aliceKey, addKey("openai", CANARY, null), 201);
        assertThat(added.path("masked_key").asText()).isEqualTo("sk-…" + CANARY.substring(CANARY.length() - 4));
        assertThat(added.path("needs_test").asBoolean()).isTrue();
        JsonNode listed = call("GET", "/api/v1/byok/keys", aliceKey, null, 200);
        assertThat(listed.path("keys")).hasSize(1);
        assertThat(call("GET", "/api/v1/byok/providers", aliceKey, null, 200).path("providers").toString())
                .contains("\"openai\"", "\"anthropic\"", "\"huggingface\"", "\"cohere\"", "\"together\"",
                        "\"perplexity\"", "\"groq\"", "\"custom\"");

        // Live tests: the stored key against the provider's own API, and an unsaved wrong key.
        JsonNode tested = call("POST", "/api/v1/byok/keys/test/openai", aliceKey, null, 200);
        assertThat(tested.path("results").get(0).path("status").asText()).isEqualTo("valid");
        JsonNode wrong = call("POST", "/api/v1/byok/keys/test/openai", aliceKey,
                "{\"api_key\":\"" + WRONG_KEY + "\"}", 200);
        assertThat(wrong.path("results").get(0).path("status").asText()).isEqualTo("invalid");
        assertThat(call("GET", "/api/v1/byok/keys", aliceKey, null, 200).path("keys").get(0).path("last_test")
                .path("status").asText()).isEqualTo("valid");

        // Use: the upstream gets Alice's own key, and nothing is charged.
        HttpResponse<String> used = raw("POST", "/v1/chat/completions", aliceKey, chat("gpt-4o-mini", "hello"),
                Map.of());
        assertThat(used.statusCode()).isEqualTo(200);
        assertThat(used.headers().firstValue("X-Switchgear-Charged-Credits")).contains("0.000000");
        UPSTREAM.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + CANARY)));
        assertThat(gateway.balance(aliceKey)).isEqualTo(aliceBalance);
        JsonNode stats = call("GET", "/api/v1/byok/stats", aliceKey, null, 200);
        for (int i = 0; i < 100 && stats.path("byok_requests").asLong() == 0; i++) {
            Thread.sleep(100); // the usage projection is eventually consistent
            stats = call("GET", "/api/v1/byok/stats", aliceKey, null, 200);
        }
        assertThat(stats.path("byok_requests").asLong()).isEqualTo(1);
        assertThat(stats.path("platform_requests").asLong()).isZero();
        JsonNode usage = gateway.graphql(aliceKey, "{ usage(accountId: \"" + alice + "\") { rows { model byok charged } } }")
                .body().path("data").path("usage").path("rows");
        assertThat(usage).hasSize(1);
        assertThat(usage.get(0).path("byok").asBoolean()).isTrue();
        assertThat(usage.get(0).path("charged").asText()).isEqualTo("0.000000");
        assertThat(stats.path("total_keys").asInt()).isEqualTo(1);

        // An upstream error that echoes the key is passed on scrubbed.
        JsonNode echoed = call("POST", "/v1/chat/completions", aliceKey, chat("gpt-4o-mini", "please-echo"), 400);
        assertThat(echoed.path("error").path("message").asText()).contains("[redacted]");

        // Without the own key (X-Prefer-BYOK: false) the model is the platform's Enterprise-tier offer.
        HttpResponse<String> platformOnly = raw("POST", "/v1/chat/completions", aliceKey,
                chat("gpt-4o-mini", "hello"), Map.of("X-Prefer-BYOK", "false"));
        assertThat(platformOnly.statusCode()).isEqualTo(403);
        assertThat(platformOnly.body()).contains("model_not_allowed");
        // The same as the account's standing preference; switched back, the own key is used again.
        call("PUT", "/api/v1/llm/users/" + alice + "/byok", aliceKey, "{\"prefer_byok\":false}", 200);
        call("POST", "/v1/chat/completions", aliceKey, chat("gpt-4o-mini", "hello"), 403);
        call("PUT", "/api/v1/llm/users/" + alice + "/byok", bobKey, "{\"prefer_byok\":true}", 404);
        call("PUT", "/api/v1/llm/users/" + alice + "/byok", aliceKey, "{\"prefer_byok\":true}", 200);
        assertThat(call("GET", "/api/v1/llm/users/" + alice + "/byok", aliceKey, null, 200).path("prefer_byok")
                .asBoolean()).isTrue();
        call("POST", "/v1/chat/completions", aliceKey, chat("gpt-4o-mini", "hello"), 200);

        // Bob can neither list, test, use nor delete Alice's key.
        assertThat(call("GET", "/api/v1/byok/keys", bobKey, null, 200).path("keys")).isEmpty();
        call("POST", "/api/v1/byok/keys/test/openai", bobKey, null, 404);
        call("DELETE", "/api/v1/byok/keys/openai", bobKey, null, 404);
        // Bob (Professional) has no key of his own and gpt-4o-mini is Enterprise on the platform's key.
        call("POST", "/v1/chat/completions", bobKey, chat("gpt-4o-mini", "hello"), 403);
        assertThat(call("GET", "/api/v1/byok/keys", aliceKey, null, 200).path("keys")).hasSize(1);

        // Professional: several labelled keys per provider; Starter: a second key replaces the first.
        call("POST", "/api/v1/byok/keys/add", bobKey, addKey("openai", WRONG_KEY, "team-a"), 201);
        call("POST", "/api/v1/byok/keys/add", bobKey, addKey("openai", WRONG_KEY + "b", "team-b"), 201);
        assertThat(call("GET", "/api/v1/byok/keys", bobKey, null, 200).path("keys")).hasSize(2);

        // A custom endpoint: refused at every private spelling, used through the allowed host.
        for (String url : List.of("http://localhost:" + UPSTREAM.port() + "/v1", "https://[::1]/v1",
                "https://[::ffff:127.0.0.1]/v1", "https://2130706433/v1", "https://10.0.0.8/v1",
                "https://172.16.0.1/v1", "https://192.168.1.1/v1", "https://169.254.169.254/latest",
                "https://metadata.google.internal/computeMetadata", "ftp://example.com/v1")) {
            JsonNode ssrf = call("POST", "/api/v1/byok/keys/add", aliceKey,
                    "{\"provider\":\"custom\",\"api_key\":\"" + CUSTOM_CANARY + "\",\"base_url\":\"" + url + "\"}", 400);
            assertThat(ssrf.path("error").path("code").asText()).as(url).isIn("endpoint_not_allowed");
        }
        call("POST", "/api/v1/byok/keys/add", aliceKey, "{\"provider\":\"custom\",\"api_key\":\"" + CUSTOM_CANARY
                + "\",\"base_url\":\"http://127.0.0.1:" + UPSTREAM.port() + "/custom/v1\"}", 201);
        call("POST", "/v1/chat/completions", aliceKey, chat("custom/my-model", "hello"), 200);
        UPSTREAM.verify(postRequestedFor(urlEqualTo("/custom/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + CUSTOM_CANARY)));

        // Starter replaces; then removal and erasure: the key is gone and routing treats it as absent.
        call("POST", "/api/v1/byok/keys/add", aliceKey, addKey("openai", CANARY, "second"), 201);
        assertThat(call("GET", "/api/v1/byok/keys", aliceKey, null, 200).path("keys")).hasSize(2);
        call("DELETE", "/api/v1/byok/keys/openai", aliceKey, null, 200);
        call("POST", "/v1/chat/completions", aliceKey, chat("gpt-4o-mini", "hello"), 403);
        JdbcTemplate db = new JdbcTemplate(dataSource);
        assertThat(db.queryForObject("select count(*) from keyring_data_key where account_id = ?::uuid",
                Integer.class, alice)).isEqualTo(1);
        call("DELETE", "/api/v1/byok/keys", aliceKey, null, 200);
        assertThat(db.queryForObject("select count(*) from keyring_data_key where account_id = ?::uuid",
                Integer.class, alice)).isZero();
        call("POST", "/v1/chat/completions", aliceKey, chat("custom/my-model", "hello"), 400);
        assertThat(db.queryForList("select state from provider_key where account_id = ?::uuid", String.class, alice))
                .containsOnly("replaced", "removed", "erased");

        // Our own keys where the gateway never reads them: cookies, query strings, malformed header
        // lines (Tomcat's parsers log what they reject). None of them authenticates, none is logged.
        RawHttp rawHttp = new RawHttp(port);
        for (String key : List.of(aliceKey, GatewayClient.ADMIN_KEY)) {
            List<RawHttp.Response> refusals = List.of(
                    rawHttp.send("GET", "/api/v1/llm/credits", null, "Cookie: api_key=" + key),
                    rawHttp.send("GET", "/api/v1/llm/credits", null, "Cookie: Authorization=Bearer " + key
                            + "; session=\"" + key + "\""),
                    rawHttp.send("GET", "/api/v1/llm/credits", null, "Cookie: " + key),
                    rawHttp.send("GET", "/api/v1/llm/credits?api_key=" + key, null),
                    rawHttp.send("GET", "/api/v1/llm/credits?api_key=" + key + "&key=%" + key, null),
                    rawHttp.send("GET", "/api/v1/llm/credits", null, "Authorization Bearer " + key),
                    rawHttp.send("GET", "/api/v1/llm/credits", null, "Authorization: Bearer " + key + "\u0001"),
                    rawHttp.send("GET", "/api/v1/llm/credits", null, "X-Api Key: " + key),
                    rawHttp.send("GET", "/api/v1/llm/credits", null, "x-api-key: " + key + "\u007f"),
                    rawHttp.send("GET", "/api/v1/llm/credits", null, " Authorization: Bearer " + key),
                    rawHttp.send("GET", "/api/v1/llm/cre%00dits?api_key=" + key, null));
            for (RawHttp.Response refusal : refusals) {
                assertThat(refusal.status()).as(refusal.head()).isIn(400, 401);
                seen.add(refusal.head() + "\n" + refusal.body());
            }
        }
        // A query-string key next to a valid bearer: answered, and still not logged.
        HttpResponse<String> queried = raw("GET", "/v1/models?api_key=" + GatewayClient.ADMIN_KEY, aliceKey, null,
                Map.of("Cookie", "api_key=" + GatewayClient.ADMIN_KEY));
        assertThat(queried.statusCode()).isEqualTo(200);

        // A gateway key made by the account itself (ADR 0016): shown once, used, listed, revoked.
        HttpResponse<String> madeKey = raw("POST", "/api/v1/keys", aliceKey, "{\"name\":\"canary\"}", Map.of());
        assertThat(madeKey.statusCode()).isEqualTo(201);
        JsonNode made = new com.fasterxml.jackson.databind.ObjectMapper().readTree(madeKey.body());
        seen.remove(seen.size() - 1); // the one answer that shows the key, by design
        String selfServiceKey = made.path("key").asText();
        call("GET", "/v1/models", selfServiceKey, null, 200);
        assertThat(call("GET", "/api/v1/keys", selfServiceKey, null, 200).toString()).doesNotContain(selfServiceKey);
        call("DELETE", "/api/v1/keys/" + made.path("id").asText(), selfServiceKey, null, 204);
        call("GET", "/v1/models", selfServiceKey, null, 401);

        // Now search everything for the canaries.
        List<String> canaries = List.of(CANARY, CUSTOM_CANARY, WRONG_KEY, aliceKey, GatewayClient.ADMIN_KEY,
                selfServiceKey);
        String everything = dumpDatabase(db) + "\n" + metrics() + "\n" + String.join("\n", seen) + "\n" + output.getAll();
        for (String canary : canaries) {
            String base64 = Base64.getEncoder().encodeToString(canary.getBytes(StandardCharsets.UTF_8));
            assertThat(everything).doesNotContain(canary).doesNotContain(canary.substring(3, 30))
                    .doesNotContain(base64.substring(0, 24));
        }
        assertThat(output.getAll()).contains("DEBUG", "TRACE"); // the logs really were this detailed
        assertThat(dumpDatabase(db)).contains("ProviderKeyAdded", "KeyringErased");
    }

    @Test
    void masterKeyRotationRewrapsEveryDataKeyAndEveryKeyKeepsWorking() throws Exception {
        stubUpstream();
        GatewayClient gateway = new GatewayClient(port);
        String carol = gateway.issueKey(gateway.openAccount("Carol", "enterprise"));
        call("POST", "/api/v1/byok/keys/add", carol, addKey("openai", CANARY, "rotating"), 201);
        call("POST", "/v1/chat/completions", carol, chat("gpt-4o-mini", "before"), 200);

        call("POST", "/api/v1/admin/master-key/rotate", carol, null, 403);
        JsonNode before = call("GET", "/api/v1/admin/master-key", GatewayClient.ADMIN_KEY, null, 200);
        JsonNode rotation = call("POST", "/api/v1/admin/master-key/rotate", GatewayClient.ADMIN_KEY, null, 200);
        JsonNode after = call("GET", "/api/v1/admin/master-key", GatewayClient.ADMIN_KEY, null, 200);

        assertThat(before.path("source").asText()).isEqualTo("file");
        assertThat(rotation.path("retired_versions").toString()).contains(before.path("primary_version").asText());
        assertThat(rotation.path("data_keys_rewrapped").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(after.path("versions")).hasSize(1);
        assertThat(after.path("primary_version").asLong()).isEqualTo(rotation.path("primary_version").asLong())
                .isNotEqualTo(before.path("primary_version").asLong());
        assertThat(after.path("data_keys_by_version").size()).isEqualTo(1);
        call("POST", "/v1/chat/completions", carol, chat("gpt-4o-mini", "after"), 200);
        assertThat(call("POST", "/api/v1/byok/keys/test/openai", carol, null, 200).path("results").get(0)
                .path("status").asText()).isEqualTo("valid");
    }

    private void stubUpstream() {
        UPSTREAM.stubFor(get(urlEqualTo("/v1/models")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + CANARY))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\"}]}")));
        UPSTREAM.stubFor(get(urlEqualTo("/v1/models")).atPriority(5)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + WRONG_KEY
                                + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
                .withRequestBody(containing("please-echo"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Bad request for key " + CANARY
                                + "\",\"type\":\"invalid_request_error\"}}")));
        String completion = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1,"
                + "\"total_tokens\":10}}";
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(5)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(completion)));
        UPSTREAM.stubFor(post(urlEqualTo("/custom/v1/chat/completions"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(completion)));
    }

    private static String addKey(String provider, String key, String label) {
        return "{\"provider\":\"" + provider + "\",\"api_key\":\"" + key + "\""
                + (label == null ? "" : ",\"label\":\"" + label + "\"") + "}";
    }

    private static String chat(String model, String text) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\""
                + text + "\"}]}";
    }

    private JsonNode call(String method, String path, String bearer, String body, int expected) throws Exception {
        HttpResponse<String> response = raw(method, path, bearer, body, Map.of());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? null : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(response.body());
    }

    private HttpResponse<String> raw(String method, String path, String bearer, String body,
                                     Map<String, String> headers) throws Exception {
        HttpResponse<String> response = new GatewayClient(port).send(method, path, bearer, body, headers);
        seen.add(response.headers().map() + "\n" + response.body());
        return response;
    }

    /** Every row of every table, bytea columns as text (UTF-8 and Latin-1) and hex. */
    private static String dumpDatabase(JdbcTemplate db) {
        StringBuilder dump = new StringBuilder();
        for (String table : db.queryForList("select table_name from information_schema.tables "
                + "where table_schema = 'public' and table_type = 'BASE TABLE'", String.class)) {
            for (Map<String, Object> row : db.queryForList("select * from \"" + table + "\"")) {
                dump.append(table).append(':');
                row.forEach((column, value) -> {
                    if (value instanceof byte[] bytes) {
                        dump.append(new String(bytes, StandardCharsets.UTF_8)).append('|')
                                .append(new String(bytes, StandardCharsets.ISO_8859_1)).append('|')
                                .append(java.util.HexFormat.of().formatHex(bytes));
                    } else {
                        dump.append(value);
                    }
                    dump.append(',');
                });
                dump.append('\n');
            }
        }
        return dump.toString();
    }

    private String metrics() throws Exception {
        StringBuilder all = new StringBuilder();
        HttpResponse<String> names = raw("GET", "/actuator/metrics", GatewayClient.ADMIN_KEY, null, Map.of());
        JsonNode list = new com.fasterxml.jackson.databind.ObjectMapper().readTree(names.body()).path("names");
        assertThat(list.size()).isGreaterThan(10);
        for (JsonNode name : list) {
            all.append(raw("GET", "/actuator/metrics/" + name.asText(), GatewayClient.ADMIN_KEY, null, Map.of()).body())
                    .append('\n');
        }
        return all.toString();
    }
}
