package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Anthropic's token counting over real HTTP ({@code POST /v1/messages/count_tokens}, ADR 0020):
 * counts that grow with a system prompt and with tools, OpenAI models counted with their real
 * tokenizer, unknown models and bad bodies refused in Anthropic's shape, and nothing charged or
 * recorded. Then a walk of the errors anywhere under {@code /v1/messages}: each in Anthropic's shape.
 * The last test exhausts the address's failed authentications, so it runs last.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnthropicCountTokensEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;
    private static final int FAILURES_PER_MINUTE = 5;
    private static final String HELLO = "\"messages\":[{\"role\":\"user\",\"content\":\"Hello there, how many tokens?\"}]";
    private static final String TOOLS = ",\"tools\":[{\"name\":\"get_weather\",\"description\":\"The current weather "
            + "of a city\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
            + "\"required\":[\"city\"]}}]";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "count-tokens");
        registry.add("switchgear.http.max-body-bytes", () -> Integer.toString(MAX_BODY));
        registry.add("switchgear.security.failed-authentications-per-minute", () -> Integer.toString(FAILURES_PER_MINUTE));
    }

    @LocalServerPort
    int port;

    GatewayClient gateway;

    @BeforeEach
    void setUp() {
        gateway = new GatewayClient(port);
    }

    private HttpResponse<String> count(String key, String body) {
        return gateway.send("POST", "/v1/messages/count_tokens", null, body,
                Map.of("x-api-key", key, "anthropic-version", "2023-06-01"));
    }

    private static long inputTokens(HttpResponse<String> reply) throws IOException {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(reply.body());
        assertThat(body.size()).as(reply.body()).isEqualTo(1);
        return body.path("input_tokens").asLong();
    }

    /** An error in Anthropic's shape — {@code {"type":"error","error":{"type","message"}}} and nothing else. */
    private static void anthropicError(HttpResponse<String> reply, int status, String type) throws IOException {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(reply.body());
        assertThat(body.path("type").asText()).as(reply.body()).isEqualTo("error");
        assertThat(body.at("/error/type").asText()).as(reply.body()).isEqualTo(type);
        assertThat(body.at("/error/message").asText()).as(reply.body()).isNotBlank();
        assertThat(body.path("error").has("code")).as(reply.body()).isFalse();
        assertThat(reply.body()).doesNotContain("Exception", "dev.switchgear", "java.", "sg-");
    }

    @Test
    @Order(1)
    void countsGrowWithTheSystemPromptAndToolsAndCostNothing() throws Exception {
        String account = gateway.openAccount("Counting", "enterprise");
        gateway.grant(account, "10");
        String key = gateway.issueKey(account);
        long balance = gateway.balance(key);
        int events = gateway.events(account).size();

        long plain = inputTokens(count(key, "{\"model\":\"sim-echo\"," + HELLO + "}"));
        long withSystem = inputTokens(count(key, "{\"model\":\"sim-echo\",\"system\":\"You answer in one short "
                + "sentence.\"," + HELLO + "}"));
        long withTools = inputTokens(count(key, "{\"model\":\"sim-echo\"," + HELLO + TOOLS
                + ",\"tool_choice\":{\"type\":\"auto\"}}"));
        long withToolTurns = inputTokens(count(key, "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Weather in Paris?\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\","
                + "\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}]},{\"role\":\"user\","
                + "\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"18 degrees and "
                + "sunny\"}]}]" + TOOLS + "}"));
        assertThat(plain).isPositive();
        assertThat(withSystem).isGreaterThan(plain);
        assertThat(withTools).isGreaterThan(plain);
        assertThat(withToolTurns).isGreaterThan(withTools);

        Encoding o200k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
        long gpt = inputTokens(gateway.send("POST", "/v1/messages/count_tokens", key,
                "{\"model\":\"gpt-4o\"," + HELLO + "}", Map.of()));
        assertThat(gpt).isEqualTo(3 + 3 + o200k.countTokensOrdinary("user")
                + o200k.countTokensOrdinary("Hello there, how many tokens?"));
        String routed = "{\"model\":\"auto\"," + HELLO + "}";
        assertThat(inputTokens(count(key, routed))).isPositive();

        assertThat(gateway.balance(key)).isEqualTo(balance);
        assertThat(gateway.events(account).size()).isEqualTo(events);
    }

    @Test
    @Order(2)
    void unknownModelsAndBadBodiesAreRefusedInAnthropicsShapeAndCostNothing() throws Exception {
        String account = gateway.openAccount("Counting badly", "enterprise");
        gateway.grant(account, "10");
        String key = gateway.issueKey(account);
        long balance = gateway.balance(key);
        int events = gateway.events(account).size();

        anthropicError(count(key, "{\"model\":\"no-such-model\"," + HELLO + "}"), 404, "not_found_error");
        for (String body : new String[] {"", "{", "[]", "{" + HELLO + "}", "{\"model\":7," + HELLO + "}",
                "{\"model\":\"sim-echo\",\"messages\":[]}", "{\"model\":\"sim-echo\",\"messages\":{}}",
                "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}",
                "{\"model\":\"sim-echo\"," + HELLO + ",\"model\":\"gpt-4o\"}"}) {
            anthropicError(count(key, body), 400, "invalid_request_error");
        }

        assertThat(gateway.balance(key)).isEqualTo(balance);
        assertThat(gateway.events(account).size()).isEqualTo(events);
    }

    @Test
    @Order(3)
    void everyErrorUnderTheMessagesRoutesIsInAnthropicsShape() throws Exception {
        String account = gateway.openAccount("Walking", "enterprise");
        gateway.grant(account, "10");
        String key = gateway.issueKey(account);
        long balance = gateway.balance(key);
        Map<String, String> anthropicKey = Map.of("x-api-key", key);
        String body = "{\"model\":\"sim-echo\"," + HELLO + "}";

        anthropicError(gateway.send("POST", "/v1/messages/no_such_thing", null, body, anthropicKey), 404,
                "not_found_error");
        anthropicError(gateway.send("GET", "/v1/messages/count_tokens", null, null, anthropicKey), 405,
                "invalid_request_error");
        anthropicError(gateway.send("DELETE", "/v1/messages", null, null, anthropicKey), 405, "invalid_request_error");
        anthropicError(gateway.send("POST", "/v1/messages/count_tokens", null, body,
                Map.of("x-api-key", key, "Accept", "image/png")), 406, "invalid_request_error");
        String huge = "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(MAX_BODY)
                + "\"}]}";
        anthropicError(gateway.send("POST", "/v1/messages/count_tokens", null, huge, anthropicKey), 413,
                "request_too_large");
        anthropicError(gateway.send("POST", "/v1/messages", null, huge.replace("{\"model\"", "{\"max_tokens\":8,"
                + "\"model\""), anthropicKey), 413, "request_too_large");
        anthropicError(gateway.send("POST", "/v1/messages/count_tokens", null, body, Map.of()), 401,
                "authentication_error");
        assertThat(gateway.balance(key)).isEqualTo(balance);

        for (int i = 0; i < FAILURES_PER_MINUTE; i++) {
            anthropicError(gateway.send("POST", "/v1/messages/count_tokens", null, body,
                    Map.of("x-api-key", "sg-wrong-key-" + i)), 401, "authentication_error");
        }
        HttpResponse<String> blocked = gateway.send("POST", "/v1/messages/count_tokens", null, body,
                Map.of("x-api-key", "sg-wrong-key-again"));
        anthropicError(blocked, 429, "rate_limit_error");
        assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
    }
}
