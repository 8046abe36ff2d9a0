package dev.switchgear.adapter.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.switchgear.application.port.in.completion.ClientGoneException;
import dev.switchgear.application.port.out.completion.StreamOutcome;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import dev.switchgear.domain.shared.TokenUsage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Anthropic adapter against a stub speaking the Messages API's documented JSON and SSE formats. */
class AnthropicProviderTest {

    private static final String KEY = "sk-ant-api03-canary-anthropic-key";
    private static final WireMockServer UPSTREAM = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An OpenAI request with a system prompt, an earlier tool call and its result, and a tool definition. */
    private static final byte[] REQUEST = ("{\"model\":\"claude\",\"max_tokens\":300,\"stop\":\"END\",\"temperature\":0.3,"
            + "\"messages\":[{\"role\":\"system\",\"content\":\"Be terse.\"},"
            + "{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
            + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"toolu_1\",\"type\":\"function\","
            + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"toolu_1\",\"content\":\"18C, sunny\"},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"And tomorrow?\"}]}],"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Weather\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}],"
            + "\"tool_choice\":\"required\"}").getBytes(StandardCharsets.UTF_8);

    static final String STREAM = String.join("",
            "event: message_start\n",
            "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",",
            "\"content\":[],\"model\":\"claude-3-5-haiku-20241022\",\"stop_reason\":null,\"stop_sequence\":null,",
            "\"usage\":{\"input_tokens\":472,\"output_tokens\":2}}}\n\n",
            "event: content_block_start\n",
            "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
            "event: ping\ndata: {\"type\":\"ping\"}\n\n",
            "event: content_block_delta\n",
            "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Checking\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
            "event: content_block_start\n",
            "data: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_2\",",
            "\"name\":\"get_weather\",\"input\":{}}}\n\n",
            "event: content_block_delta\n",
            "data: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",",
            "\"partial_json\":\"{\\\"city\\\": \\\"Par\"}}\n\n",
            "event: content_block_delta\n",
            "data: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",",
            "\"partial_json\":\"is\\\"}\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n",
            "event: message_delta\n",
            "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},",
            "\"usage\":{\"output_tokens\":89}}\n\n",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");

    private AnthropicProvider provider;

    @BeforeAll
    static void start() {
        UPSTREAM.start();
    }

    @AfterAll
    static void stop() {
        UPSTREAM.stop();
    }

    @BeforeEach
    void setUp() {
        UPSTREAM.resetAll();
        provider = new AnthropicProvider("anthropic", URI.create(UPSTREAM.baseUrl()), Optional.of(KEY),
                OpenAiCompatibleProviderTest.CLIENT, OpenAiCompatibleProviderTest.WATCHDOG,
                OpenAiCompatibleProviderTest.TIMEOUTS, JSON, Clock.systemUTC());
    }

    private static void answer(int status, String contentType, String body) {
        UPSTREAM.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", contentType).withBody(body)));
    }

    @Test
    void translatesTheRequestIntoTheMessagesApi() {
        answer(200, "application/json", "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\","
                + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}");

        provider.complete(new UpstreamCall("claude-3-5-haiku-latest", REQUEST, null));

        UPSTREAM.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("x-api-key", equalTo(KEY))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .withHeader("Authorization", absent())
                .withRequestBody(matchingJsonPath("$.model", equalTo("claude-3-5-haiku-latest")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("300")))
                .withRequestBody(matchingJsonPath("$.system", equalTo("Be terse.")))
                .withRequestBody(matchingJsonPath("$.stop_sequences[0]", equalTo("END")))
                .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.3")))
                .withRequestBody(matchingJsonPath("$.messages[1].role", equalTo("assistant")))
                .withRequestBody(matchingJsonPath("$.messages[1].content[0].type", equalTo("tool_use")))
                .withRequestBody(matchingJsonPath("$.messages[1].content[0].input.city", equalTo("Paris")))
                .withRequestBody(matchingJsonPath("$.messages[2].role", equalTo("user")))
                .withRequestBody(matchingJsonPath("$.messages[2].content[0].type", equalTo("tool_result")))
                .withRequestBody(matchingJsonPath("$.messages[2].content[0].tool_use_id", equalTo("toolu_1")))
                .withRequestBody(matchingJsonPath("$.messages[2].content[1].text", equalTo("And tomorrow?")))
                .withRequestBody(matchingJsonPath("$.tools[0].input_schema.properties.city.type", equalTo("string")))
                .withRequestBody(matchingJsonPath("$.tool_choice.type", equalTo("any"))));
    }

    @Test
    void translatesAnAnswerWithAToolCallIntoOpenAisShape() throws Exception {
        answer(200, "application/json", "{\"id\":\"msg_9\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"claude-3-5-haiku-20241022\",\"content\":[{\"type\":\"text\",\"text\":\"Let me check.\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_9\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}],"
                + "\"stop_reason\":\"tool_use\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":120,\"cache_read_input_tokens\":30,\"output_tokens\":40}}");

        UpstreamReply reply = provider.complete(new UpstreamCall("claude-3-5-haiku-latest", REQUEST, null));
        JsonNode body = JSON.readTree(reply.body());

        assertThat(reply.usage()).isEqualTo(new TokenUsage(150, 40, 30, 0, 0, 0));
        assertThat(reply.usageEstimated()).isFalse();
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Let me check.");
        assertThat(body.at("/choices/0/message/tool_calls/0/id").asText()).isEqualTo("toolu_9");
        assertThat(JSON.readTree(body.at("/choices/0/message/tool_calls/0/function/arguments").asText())
                .path("city").asText()).isEqualTo("Paris");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(body.at("/usage/total_tokens").asLong()).isEqualTo(190);
    }

    @Test
    void translatesAStreamWithTextAndToolCallDeltasAndChargesItsReportedUsage() throws Exception {
        answer(200, "text/event-stream", STREAM);
        List<JsonNode> chunks = new ArrayList<>();

        StreamOutcome outcome = provider.stream(new UpstreamCall("claude-3-5-haiku-latest", REQUEST, null, true),
                chunk -> chunks.add(readTree(chunk)));

        assertThat(outcome.finished()).isTrue();
        assertThat(outcome.usage()).isEqualTo(new TokenUsage(472, 89));
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(chunks).anySatisfy(c -> assertThat(c.at("/choices/0/delta/content").asText()).isEqualTo("Checking"));
        StringBuilder arguments = new StringBuilder();
        chunks.forEach(c -> c.at("/choices/0/delta/tool_calls").forEach(t -> arguments.append(
                t.at("/function/arguments").asText(""))));
        assertThat(JSON.readTree(arguments.toString()).path("city").asText()).isEqualTo("Paris");
        assertThat(chunks).anySatisfy(c -> assertThat(c.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls"));
        assertThat(chunks.get(chunks.size() - 1).at("/usage/completion_tokens").asLong()).isEqualTo(89);
        UPSTREAM.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true"))));
    }

    @Test
    void aCallerWhoLeavesMidStreamIsChargedForWhatWasSent() {
        answer(200, "text/event-stream", STREAM);
        int[] seen = {0};

        StreamOutcome outcome = provider.stream(new UpstreamCall("claude-3-5-haiku-latest", REQUEST, null, false),
                chunk -> {
                    if (++seen[0] == 3) {
                        throw new ClientGoneException();
                    }
                });

        assertThat(outcome.clientGone()).isTrue();
        assertThat(outcome.usage().inputTokens()).isEqualTo(472);
        assertThat(outcome.usage().outputTokens()).isEqualTo(2);
    }

    @Test
    void anErrorEventMidStreamEndsItWithAFailure() {
        answer(200, "text/event-stream", STREAM.substring(0, STREAM.indexOf("event: content_block_stop"))
                + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");

        StreamOutcome outcome = provider.stream(new UpstreamCall("claude-3-5-haiku-latest", REQUEST, null, false),
                chunk -> { });

        assertThat(outcome.failure()).hasValueSatisfying(f -> assertThat(f).contains("Overloaded"));
        assertThat(outcome.usageEstimated()).isTrue();
    }

    @Test
    void aStreamCutShortKeepsTheCacheReadsMessageStartReported() {
        String cached = STREAM.replace("\"usage\":{\"input_tokens\":472,\"output_tokens\":2}",
                "\"usage\":{\"input_tokens\":72,\"cache_read_input_tokens\":400,\"output_tokens\":2}");
        assertThat(cached).isNotEqualTo(STREAM);
        answer(200, "text/event-stream", cached.substring(0, cached.indexOf("event: content_block_stop"))
                + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");

        StreamOutcome outcome = provider.stream(new UpstreamCall("claude-3-5-haiku-latest", REQUEST, null, false),
                chunk -> { });

        assertThat(outcome.usageEstimated()).isTrue();
        assertThat(outcome.usage().inputTokens()).isEqualTo(472);
        assertThat(outcome.usage().cachedInputTokens()).isEqualTo(400);
    }

    @Test
    void errorsAreMappedAndTheKeyNeverLeaks() {
        answer(529, "application/json", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        assertThatThrownBy(() -> provider.complete(new UpstreamCall("m", REQUEST, null)))
                .isInstanceOfSatisfying(UpstreamException.class,
                        e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE));
        answer(400, "application/json", "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"max_tokens too large for key " + KEY + "\"}}");
        assertThatThrownBy(() -> provider.stream(new UpstreamCall("m", REQUEST, null, false), chunk -> { }))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.REJECTED);
                    assertThat(e.getMessage()).contains("max_tokens too large").doesNotContain(KEY);
                });
    }

    @Test
    void requestsAnthropicCannotServeAreRejectedBeforeAnyCall() {
        byte[] twoChoices = "{\"model\":\"m\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> provider.complete(new UpstreamCall("m", twoChoices, null)))
                .isInstanceOfSatisfying(UpstreamException.class,
                        e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.REJECTED));
        assertThat(UPSTREAM.getAllServeEvents()).isEmpty();
    }

    private static JsonNode readTree(byte[] chunk) {
        try {
            return JSON.readTree(chunk);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
