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

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.switchgear.application.port.in.completion.ClientGoneException;
import dev.switchgear.application.port.out.completion.StreamOutcome;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.domain.shared.TokenUsage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streaming against a stub that replays OpenAI's documented SSE transcripts. */
class OpenAiCompatibleStreamTest {

    private static final WireMockServer UPSTREAM = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private static final byte[] REQUEST = ("{\"model\":\"x\",\"stream\":true,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"What is the weather in Paris?\"}],\"tools\":[{\"type\":\"function\",\"function\":"
            + "{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}}]}").getBytes(StandardCharsets.UTF_8);

    /** A tool-call stream as OpenAI sends it, ending with the usage chunk and [DONE]. */
    static final String TOOL_CALL_STREAM = String.join("",
            "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",",
            "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,",
            "\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},",
            "\"finish_reason\":null}],\"usage\":null}\n\n",
            "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",",
            "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":",
            "\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},\"finish_reason\":null}],\"usage\":null}\n\n",
            ": keep-alive comment\n\n",
            "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",",
            "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}],\"usage\":null}\n\n",
            "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",",
            "\"choices\":[],\"usage\":{\"prompt_tokens\":70,\"completion_tokens\":15,\"total_tokens\":85}}\n\n",
            "data: [DONE]\n\n");

    static final String TEXT_STREAM_WITHOUT_USAGE = String.join("",
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":",
            "{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n",
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":",
            "{\"content\":\"Hello\"}}]}\n\n",
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":",
            "{\"content\":\" world, how are you today?\"}}]}\n\n",
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},",
            "\"finish_reason\":\"stop\"}]}\n\n",
            "data: [DONE]\n\n");

    private OpenAiCompatibleProvider provider;

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
        provider = new OpenAiCompatibleProvider("openai", URI.create(UPSTREAM.baseUrl() + "/v1"), Optional.of("sk-test"),
                OpenAiCompatibleProviderTest.CLIENT, OpenAiCompatibleProviderTest.WATCHDOG,
                OpenAiCompatibleProviderTest.TIMEOUTS, new ObjectMapper());
    }

    private static void sse(String body) {
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(body)));
    }

    private static List<String> strings(List<byte[]> chunks) {
        return chunks.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void relaysToolCallDeltasAndChargesTheReportedUsageWithoutShowingItUnasked() {
        sse(TOOL_CALL_STREAM);
        List<byte[]> chunks = new ArrayList<>();

        StreamOutcome outcome = provider.stream(new UpstreamCall("gpt-4o-mini", REQUEST, null, false), chunks::add);

        assertThat(outcome.finished()).isTrue();
        assertThat(outcome.usage()).isEqualTo(new TokenUsage(70, 15));
        assertThat(outcome.usageEstimated()).isFalse();
        assertThat(strings(chunks)).hasSize(3).noneMatch(c -> c.contains("\"usage\""));
        assertThat(strings(chunks).get(0)).contains("\"get_weather\"");
        assertThat(strings(chunks).get(1)).contains("Paris");
        UPSTREAM.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.stream_options.include_usage", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.tools[0].function.name", equalTo("get_weather"))));
    }

    @Test
    void passesTheUsageChunkOnWhenTheCallerAskedForIt() {
        sse(TOOL_CALL_STREAM);
        List<byte[]> chunks = new ArrayList<>();

        provider.stream(new UpstreamCall("gpt-4o-mini", REQUEST, null, true), chunks::add);

        assertThat(strings(chunks)).hasSize(4);
        assertThat(strings(chunks).get(3)).contains("\"prompt_tokens\":70");
    }

    @Test
    void aStreamWithoutUsageIsCountedWithTheModelsTokenizer() {
        sse(TEXT_STREAM_WITHOUT_USAGE);
        List<byte[]> chunks = new ArrayList<>();

        StreamOutcome outcome = provider.stream(new UpstreamCall("gpt-4o-mini", REQUEST, null, false), chunks::add);

        assertThat(chunks).hasSize(4);
        assertThat(outcome.usageEstimated()).isTrue();
        TokenEstimate o200k = TokenEstimate.forModel("gpt-4o-mini");
        assertThat(o200k.exact()).isTrue();
        assertThat(outcome.usage().outputTokens()).isEqualTo(o200k.count("Hello world, how are you today?"));
        assertThat(outcome.usage().inputTokens()).isGreaterThan(o200k.count("What is the weather in Paris?"));
    }

    @Test
    void aCallerWhoLeavesStopsTheStreamAndIsChargedForWhatWasProduced() {
        sse(TEXT_STREAM_WITHOUT_USAGE);
        List<byte[]> chunks = new ArrayList<>();

        StreamOutcome outcome = provider.stream(new UpstreamCall("gpt-4o-mini", REQUEST, null, false), chunk -> {
            if (chunks.size() == 2) {
                throw new ClientGoneException();
            }
            chunks.add(chunk);
        });

        assertThat(outcome.clientGone()).isTrue();
        assertThat(outcome.usage().outputTokens()).isEqualTo(TokenEstimate.forModel("gpt-4o-mini").count("Hello"));
    }

    @Test
    void aMalformedChunkAfterTheFirstEndsTheStreamWithAFailure() {
        sse("data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: {oops\n\n");
        List<byte[]> chunks = new ArrayList<>();

        StreamOutcome outcome = provider.stream(new UpstreamCall("m", REQUEST, null, false), chunks::add);

        assertThat(chunks).hasSize(1);
        assertThat(outcome.failure()).hasValueSatisfying(f -> assertThat(f).contains("malformed"));
        assertThat(outcome.usageEstimated()).isTrue();
        assertThat(outcome.usage().outputTokens()).isEqualTo(1);
    }

    @Test
    void aMalformedFirstChunkIsAnUpstreamFailureBeforeAnythingWasSent() {
        sse("data: {oops\n\n");
        assertThatThrownBy(() -> provider.stream(new UpstreamCall("m", REQUEST, null, false), chunk -> { }))
                .isInstanceOfSatisfying(UpstreamException.class,
                        e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE));
    }

    @Test
    void aStreamDribbledPastTheIdleTimeoutIsCutAndChargedForWhatArrived() {
        String first = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n";
        String padding = "x".repeat(3 * first.length());
        String second = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + padding + "\"}}]}\n\n";
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(first + second + "data: [DONE]\n\n")
                .withChunkedDribbleDelay(3, 12_000)));
        List<byte[]> chunks = new ArrayList<>();
        OpenAiCompatibleProvider impatient = new OpenAiCompatibleProvider("openai",
                URI.create(UPSTREAM.baseUrl() + "/v1"), Optional.of("sk-test"), OpenAiCompatibleProviderTest.CLIENT,
                // pieces come 4 s apart, four times the idle deadline; the first byte may take its time
                OpenAiCompatibleProviderTest.WATCHDOG, new UpstreamTimeouts(java.time.Duration.ofSeconds(10),
                java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(60)),
                new ObjectMapper());

        StreamOutcome outcome = impatient.stream(new UpstreamCall("m", REQUEST, null, false), chunks::add);

        assertThat(chunks).hasSize(1);
        assertThat(outcome.failure()).hasValueSatisfying(f -> assertThat(f).contains("timed out (idle)"));
    }

    @Test
    void rateLimitsAndServerErrorsBeforeTheFirstChunkAreUpstreamFailures() {
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "3").withBody("{\"error\":{\"message\":\"slow\"}}")));
        assertThatThrownBy(() -> provider.stream(new UpstreamCall("m", REQUEST, null, false), chunk -> { }))
                .isInstanceOfSatisfying(UpstreamException.class,
                        e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.RATE_LIMITED));
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> provider.stream(new UpstreamCall("m", REQUEST, null, false), chunk -> { }))
                .isInstanceOfSatisfying(UpstreamException.class,
                        e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE));
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> provider.stream(new UpstreamCall("m", REQUEST, null, false), chunk -> { }))
                .isInstanceOf(UpstreamException.class);
    }

    @Test
    void anErrorEventInTheStreamEndsIt() {
        sse("data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n"
                + "data: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}\n\n");
        StreamOutcome outcome = provider.stream(new UpstreamCall("m", REQUEST, null, false), chunk -> { });
        assertThat(outcome.failure()).hasValueSatisfying(f -> assertThat(f).contains("overloaded"));
    }
}
