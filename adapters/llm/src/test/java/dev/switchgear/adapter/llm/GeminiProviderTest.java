package dev.switchgear.adapter.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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

/** The Gemini adapter against a stub speaking generateContent's documented JSON and SSE formats. */
class GeminiProviderTest {

    private static final String KEY = "AIzaSy-canary-gemini-key-0123456789";
    private static final WireMockServer UPSTREAM = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] REQUEST = ("{\"model\":\"gemini\",\"temperature\":0.2,\"stop\":\"END\","
            + "\"tool_choice\":\"required\",\"messages\":[{\"role\":\"system\",\"content\":\"Be terse.\"},"
            + "{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
            + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_7\",\"type\":\"function\","
            + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"call_7\",\"content\":\"18C\"}],"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":"
            + "{\"type\":\"object\"}}}]}").getBytes(StandardCharsets.UTF_8);

    private GeminiProvider provider;

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
        provider = new GeminiProvider("gemini", URI.create(UPSTREAM.baseUrl()), Optional.of(KEY),
                OpenAiCompatibleProviderTest.CLIENT, OpenAiCompatibleProviderTest.WATCHDOG,
                OpenAiCompatibleProviderTest.TIMEOUTS, JSON, Clock.systemUTC());
    }

    @Test
    void translatesRequestAndAnswerWithAFunctionCall() throws Exception {
        UPSTREAM.stubFor(post(urlEqualTo("/v1beta/models/gemini-2.0-flash:generateContent")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"candidates\":[{\"content\":"
                        + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"get_weather\",\"args\":"
                        + "{\"city\":\"Lyon\"}}}]},\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":"
                        + "50,\"candidatesTokenCount\":7,\"thoughtsTokenCount\":3,\"totalTokenCount\":60},"
                        + "\"modelVersion\":\"gemini-2.0-flash\",\"responseId\":\"r1\"}")));

        UpstreamReply reply = provider.complete(new UpstreamCall("gemini-2.0-flash", REQUEST, 256));
        JsonNode body = JSON.readTree(reply.body());

        UPSTREAM.verify(postRequestedFor(urlEqualTo("/v1beta/models/gemini-2.0-flash:generateContent"))
                .withHeader("x-goog-api-key", equalTo(KEY))
                .withRequestBody(matchingJsonPath("$.systemInstruction.parts[0].text", equalTo("Be terse.")))
                .withRequestBody(matchingJsonPath("$.contents[0].role", equalTo("user")))
                .withRequestBody(matchingJsonPath("$.contents[1].role", equalTo("model")))
                .withRequestBody(matchingJsonPath("$.contents[1].parts[0].functionCall.args.city", equalTo("Paris")))
                .withRequestBody(matchingJsonPath("$.contents[2].parts[0].functionResponse.name", equalTo("get_weather")))
                .withRequestBody(matchingJsonPath("$.tools[0].functionDeclarations[0].name", equalTo("get_weather")))
                .withRequestBody(matchingJsonPath("$.toolConfig.functionCallingConfig.mode", equalTo("ANY")))
                .withRequestBody(matchingJsonPath("$.generationConfig.maxOutputTokens", equalTo("256")))
                .withRequestBody(matchingJsonPath("$.generationConfig.stopSequences[0]", equalTo("END"))));
        assertThat(reply.usage()).isEqualTo(new TokenUsage(50, 10, 0, 0, 0, 3));
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(JSON.readTree(body.at("/choices/0/message/tool_calls/0/function/arguments").asText())
                .path("city").asText()).isEqualTo("Lyon");
    }

    @Test
    void translatesAStreamOfCandidatesAndChargesTheLastUsage() throws Exception {
        UPSTREAM.stubFor(post(urlEqualTo("/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(
                        "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Sunny \"}]}}],"
                                + "\"usageMetadata\":{\"promptTokenCount\":50,\"candidatesTokenCount\":2}}\r\n\r\n"
                                + "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"in Paris.\"}]},"
                                + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":50,"
                                + "\"candidatesTokenCount\":5,\"totalTokenCount\":55}}\r\n\r\n")));
        List<JsonNode> chunks = new ArrayList<>();

        StreamOutcome outcome = provider.stream(new UpstreamCall("gemini-2.0-flash", REQUEST, null, true),
                chunk -> chunks.add(read(chunk)));

        assertThat(outcome.finished()).isTrue();
        assertThat(outcome.usage()).isEqualTo(new TokenUsage(50, 5));
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
        assertThat(text.toString()).isEqualTo("Sunny in Paris.");
        assertThat(chunks).anySatisfy(c -> assertThat(c.at("/choices/0/finish_reason").asText()).isEqualTo("stop"));
        assertThat(chunks.get(chunks.size() - 1).at("/usage/completion_tokens").asLong()).isEqualTo(5);
    }

    @Test
    void errorsInGooglesShapeAreMappedWithoutTheKey() {
        UPSTREAM.stubFor(post(urlEqualTo("/v1beta/models/m:generateContent")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"code\":400,\"message\":"
                        + "\"API key " + KEY + " not valid for this model\",\"status\":\"INVALID_ARGUMENT\"}}")));
        assertThatThrownBy(() -> provider.complete(new UpstreamCall("m", REQUEST, null)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.REJECTED);
                    assertThat(e.getMessage()).contains("not valid for this model").doesNotContain(KEY);
                });
        UPSTREAM.stubFor(post(urlEqualTo("/v1beta/models/m:streamGenerateContent?alt=sse")).willReturn(aResponse()
                .withStatus(503).withBody("{\"error\":{\"code\":503,\"message\":\"overloaded\"}}")));
        assertThatThrownBy(() -> provider.stream(new UpstreamCall("m", REQUEST, null, false), chunk -> { }))
                .isInstanceOfSatisfying(UpstreamException.class,
                        e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE));
    }

    private static JsonNode read(byte[] chunk) {
        try {
            return JSON.readTree(chunk);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
