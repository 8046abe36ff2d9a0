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

/** The Cohere adapter against a stub speaking Chat API v2's documented JSON and stream events. */
class CohereProviderTest {

    private static final String KEY = "cohere-canary-key-0123456789abcdefghijklmn";
    private static final WireMockServer UPSTREAM = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] REQUEST = ("{\"model\":\"command\",\"top_p\":0.9,\"stop\":[\"END\"],"
            + "\"tool_choice\":\"required\",\"messages\":[{\"role\":\"developer\",\"content\":\"Be terse.\"},"
            + "{\"role\":\"user\",\"content\":\"Weather in Paris?\"}],\"tools\":[{\"type\":\"function\",\"function\":"
            + "{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}}]}").getBytes(StandardCharsets.UTF_8);

    static final String STREAM = String.join("",
            "event: message-start\ndata: {\"id\":\"c-1\",\"type\":\"message-start\",\"delta\":{\"message\":",
            "{\"role\":\"assistant\",\"content\":[],\"tool_plan\":\"\",\"tool_calls\":[],\"citations\":[]}}}\n\n",
            "event: tool-plan-delta\ndata: {\"type\":\"tool-plan-delta\",\"delta\":{\"message\":{\"tool_plan\":\"I will\"}}}\n\n",
            "event: tool-call-start\ndata: {\"type\":\"tool-call-start\",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":",
            "{\"id\":\"get_weather_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}}}}\n\n",
            "event: tool-call-delta\ndata: {\"type\":\"tool-call-delta\",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":",
            "{\"function\":{\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}}}}\n\n",
            "event: tool-call-end\ndata: {\"type\":\"tool-call-end\",\"index\":0}\n\n",
            "event: content-start\ndata: {\"type\":\"content-start\",\"index\":0,\"delta\":{\"message\":{\"content\":",
            "{\"type\":\"text\",\"text\":\"\"}}}}\n\n",
            "event: content-delta\ndata: {\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":",
            "{\"text\":\"Checking.\"}}}}\n\n",
            "event: content-end\ndata: {\"type\":\"content-end\",\"index\":0}\n\n",
            "event: message-end\ndata: {\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"TOOL_CALL\",\"usage\":",
            "{\"billed_units\":{\"input_tokens\":31,\"output_tokens\":17},\"tokens\":{\"input_tokens\":700,",
            "\"output_tokens\":40}}}}\n\n");

    private CohereProvider provider;

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
        provider = new CohereProvider("cohere", URI.create(UPSTREAM.baseUrl()), Optional.of(KEY),
                OpenAiCompatibleProviderTest.CLIENT, OpenAiCompatibleProviderTest.WATCHDOG,
                OpenAiCompatibleProviderTest.TIMEOUTS, JSON, Clock.systemUTC());
    }

    private static void answer(int status, String contentType, String body) {
        UPSTREAM.stubFor(post(urlEqualTo("/v2/chat")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", contentType).withBody(body)));
    }

    @Test
    void translatesRequestAndAnswerIncludingToolCallsAndChargesBilledUnits() throws Exception {
        answer(200, "application/json", "{\"id\":\"c-9\",\"finish_reason\":\"TOOL_CALL\",\"message\":{\"role\":"
                + "\"assistant\",\"tool_plan\":\"I will check\",\"tool_calls\":[{\"id\":\"get_weather_9\",\"type\":"
                + "\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
                + "\"usage\":{\"billed_units\":{\"input_tokens\":12,\"output_tokens\":8},\"tokens\":{\"input_tokens\":"
                + "600,\"output_tokens\":30}}}");

        UpstreamReply reply = provider.complete(new UpstreamCall("command-r-plus", REQUEST, 200));
        JsonNode body = JSON.readTree(reply.body());

        UPSTREAM.verify(postRequestedFor(urlEqualTo("/v2/chat"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withRequestBody(matchingJsonPath("$.model", equalTo("command-r-plus")))
                .withRequestBody(matchingJsonPath("$.p", equalTo("0.9")))
                .withRequestBody(matchingJsonPath("$.stop_sequences[0]", equalTo("END")))
                .withRequestBody(matchingJsonPath("$.tool_choice", equalTo("REQUIRED")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("200")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                .withRequestBody(matchingJsonPath("$.tools[0].function.name", equalTo("get_weather")))
                .withRequestBody(matchingJsonPath("$.top_p", absent())));
        assertThat(reply.usage()).isEqualTo(new TokenUsage(12, 8));
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(body.at("/choices/0/message/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
    }

    @Test
    void translatesTheStreamAndChargesItsBilledUnits() throws Exception {
        answer(200, "text/event-stream", STREAM);
        List<JsonNode> chunks = new ArrayList<>();

        StreamOutcome outcome = provider.stream(new UpstreamCall("command-r-plus", REQUEST, null, true),
                chunk -> chunks.add(read(chunk)));

        assertThat(outcome.finished()).isTrue();
        assertThat(outcome.usage()).isEqualTo(new TokenUsage(31, 17));
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        StringBuilder arguments = new StringBuilder();
        chunks.forEach(c -> c.at("/choices/0/delta/tool_calls").forEach(t -> arguments.append(
                t.at("/function/arguments").asText(""))));
        assertThat(JSON.readTree(arguments.toString()).path("city").asText()).isEqualTo("Paris");
        assertThat(chunks).anySatisfy(c -> assertThat(c.at("/choices/0/delta/content").asText()).isEqualTo("Checking."));
        assertThat(chunks).anySatisfy(c -> assertThat(c.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls"));
        assertThat(chunks.get(chunks.size() - 1).at("/usage/prompt_tokens").asLong()).isEqualTo(31);
    }

    @Test
    void aStreamThatStopsBeforeMessageEndIsChargedForWhatItSent() {
        answer(200, "text/event-stream", STREAM.substring(0, STREAM.indexOf("event: message-end")));
        StreamOutcome outcome = provider.stream(new UpstreamCall("command-r-plus", REQUEST, null, false), chunk -> { });
        assertThat(outcome.usageEstimated()).isTrue();
        assertThat(outcome.usage().outputTokens()).isPositive();
    }

    @Test
    void errorsAreMappedWithoutTheKey() {
        answer(400, "application/json", "{\"id\":\"e\",\"message\":\"invalid request: bad key " + KEY + "\"}");
        assertThatThrownBy(() -> provider.complete(new UpstreamCall("m", REQUEST, null)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.REJECTED);
                    assertThat(e.getMessage()).contains("invalid request: bad key").doesNotContain(KEY)
                            .doesNotContain("\"id\"");
                });
        answer(429, "application/json", "{\"message\":\"too many\"}");
        assertThatThrownBy(() -> provider.stream(new UpstreamCall("m", REQUEST, null, false), chunk -> { }))
                .isInstanceOfSatisfying(UpstreamException.class,
                        e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.RATE_LIMITED));
    }

    private static JsonNode read(byte[] chunk) {
        try {
            return JSON.readTree(chunk);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
