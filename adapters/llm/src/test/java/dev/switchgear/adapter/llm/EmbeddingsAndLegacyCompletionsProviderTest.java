package dev.switchgear.adapter.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.switchgear.adapter.wire.openai.OpenAiEmbeddings;
import dev.switchgear.application.port.out.completion.StreamOutcome;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import dev.switchgear.domain.routing.api.Endpoint;
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

/**
 * Embeddings and the legacy completions against stubs speaking each vendor's documented shape:
 * OpenAI's {@code /v1/embeddings} and {@code /v1/completions} (plain and {@code text_completion}
 * chunks), Cohere's {@code /v2/embed}, Gemini's {@code embedContent} and {@code batchEmbedContents}.
 */
class EmbeddingsAndLegacyCompletionsProviderTest {

    private static final String KEY = "sk-canary-embeddings-key-0123456789";
    private static final WireMockServer UPSTREAM = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        UPSTREAM.start();
    }

    @AfterAll
    static void stop() {
        UPSTREAM.stop();
    }

    @BeforeEach
    void reset() {
        UPSTREAM.resetAll();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static UpstreamCall call(String model, String body, Endpoint endpoint) {
        return new UpstreamCall(model, bytes(body), null, false, null, endpoint);
    }

    private OpenAiCompatibleProvider openAi() {
        return new OpenAiCompatibleProvider("openai", URI.create(UPSTREAM.baseUrl() + "/v1"), Optional.of(KEY),
                OpenAiCompatibleProviderTest.CLIENT, OpenAiCompatibleProviderTest.WATCHDOG,
                OpenAiCompatibleProviderTest.TIMEOUTS, JSON);
    }

    @Test
    void openAiEmbeddingsArePostedWithTheModelRewrittenAndAnsweredInTheEncodingAsked() throws Exception {
        UPSTREAM.stubFor(post(urlEqualTo("/v1/embeddings")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                + "\"embedding\":[0.5,-0.25]},{\"object\":\"embedding\",\"index\":1,\"embedding\":[1.0,0.0]}],"
                + "\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":5,\"total_tokens\":5}}")));

        UpstreamReply reply = openAi().embed(call("text-embedding-3-small",
                "{\"model\":\"my-alias\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"base64\",\"dimensions\":2}",
                Endpoint.EMBEDDINGS));

        UPSTREAM.verify(postRequestedFor(urlEqualTo("/v1/embeddings"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withRequestBody(equalToJson("{\"model\":\"text-embedding-3-small\",\"input\":[\"a\",\"b\"],"
                        + "\"encoding_format\":\"base64\",\"dimensions\":2}")));
        assertThat(reply.usage()).isEqualTo(new TokenUsage(5, 0));
        assertThat(reply.usageEstimated()).isFalse();
        JsonNode body = JSON.readTree(reply.body());
        assertThat(body.at("/data/0/embedding").isTextual()).isTrue();
        assertThat(OpenAiEmbeddings.vectors(body)).containsExactly(new float[] {0.5f, -0.25f}, new float[] {1f, 0f});
        assertThat(body.path("usage").toString()).isEqualTo("{\"prompt_tokens\":5,\"total_tokens\":5}");
    }

    @Test
    void anEmbeddingsAnswerWithTheWrongNumberOfVectorsIsAProviderFailureNotACharge() {
        UPSTREAM.stubFor(post(urlEqualTo("/v1/embeddings")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody("{\"object\":\"list\",\"data\":[{\"index\":0,\"embedding\":[1]}],"
                + "\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}")));
        assertThatThrownBy(() -> openAi().embed(call("m", "{\"model\":\"m\",\"input\":[\"a\",\"b\"]}",
                Endpoint.EMBEDDINGS)))
                .isInstanceOf(UpstreamException.class)
                .satisfies(e -> assertThat(((UpstreamException) e).kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE));
    }

    @Test
    void legacyCompletionsGoToTheUpstreamsOwnCompletionsEndpoint() throws Exception {
        UPSTREAM.stubFor(post(urlEqualTo("/v1/completions")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody("{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1,"
                + "\"model\":\"gpt-3.5-turbo-instruct\",\"choices\":[{\"text\":\" there\",\"index\":0,"
                + "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":2,"
                + "\"completion_tokens\":1,\"total_tokens\":3}}")));

        UpstreamReply reply = openAi().complete(new UpstreamCall("gpt-3.5-turbo-instruct",
                bytes("{\"model\":\"x\",\"prompt\":\"hello\",\"echo\":false,\"logprobs\":2}"), 16, false, null,
                Endpoint.COMPLETIONS));

        UPSTREAM.verify(postRequestedFor(urlEqualTo("/v1/completions")).withRequestBody(equalToJson(
                "{\"model\":\"gpt-3.5-turbo-instruct\",\"prompt\":\"hello\",\"echo\":false,\"logprobs\":2,"
                        + "\"max_tokens\":16}")));
        assertThat(reply.usage()).isEqualTo(new TokenUsage(2, 1));
        assertThat(JSON.readTree(reply.body()).at("/choices/0/text").asText()).isEqualTo(" there");
    }

    @Test
    void legacyCompletionsStreamTextCompletionChunksAndHideTheUsageChunkUnlessAsked() {
        UPSTREAM.stubFor(post(urlEqualTo("/v1/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "text/event-stream").withBody(String.join("",
                        "data: {\"id\":\"c\",\"object\":\"text_completion\",\"choices\":[{\"text\":\"he\",\"index\":0,",
                        "\"logprobs\":null,\"finish_reason\":null}],\"model\":\"m\"}\n\n",
                        "data: {\"id\":\"c\",\"object\":\"text_completion\",\"choices\":[{\"text\":\"llo\",\"index\":0,",
                        "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"model\":\"m\"}\n\n",
                        "data: {\"id\":\"c\",\"object\":\"text_completion\",\"choices\":[],\"model\":\"m\",",
                        "\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":2,\"total_tokens\":6}}\n\n",
                        "data: [DONE]\n\n"))));
        List<String> chunks = new ArrayList<>();

        StreamOutcome outcome = openAi().stream(new UpstreamCall("m", bytes("{\"model\":\"m\",\"prompt\":\"hi\"}"),
                16, false, null, Endpoint.COMPLETIONS), chunk -> chunks.add(new String(chunk, StandardCharsets.UTF_8)));

        UPSTREAM.verify(postRequestedFor(urlEqualTo("/v1/completions")).withRequestBody(equalToJson(
                "{\"model\":\"m\",\"prompt\":\"hi\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"max_tokens\":16}")));
        assertThat(chunks).hasSize(2).allSatisfy(c -> assertThat(c).contains("\"text_completion\""));
        assertThat(outcome.usage()).isEqualTo(new TokenUsage(4, 2));
        assertThat(outcome.usageEstimated()).isFalse();
    }

    @Test
    void cohereEmbeddingsUseTheEmbedApiV2AndItsBilledUnits() throws Exception {
        UPSTREAM.stubFor(post(urlEqualTo("/v2/embed")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody("{\"id\":\"e-1\",\"embeddings\":{\"float\":[[0.5,-0.25],[1,0]]},"
                + "\"texts\":[\"a\",\"b\"],\"meta\":{\"api_version\":{\"version\":\"2\"},\"billed_units\":"
                + "{\"input_tokens\":4}},\"response_type\":\"embeddings_by_type\"}")));
        CohereProvider cohere = new CohereProvider("cohere", URI.create(UPSTREAM.baseUrl()), Optional.of(KEY),
                OpenAiCompatibleProviderTest.CLIENT, OpenAiCompatibleProviderTest.WATCHDOG,
                OpenAiCompatibleProviderTest.TIMEOUTS, JSON, Clock.systemUTC());

        UpstreamReply reply = cohere.embed(call("embed-v4.0", "{\"model\":\"embed-v4.0\",\"input\":[\"a\",\"b\"],"
                + "\"dimensions\":256}", Endpoint.EMBEDDINGS));

        UPSTREAM.verify(postRequestedFor(urlEqualTo("/v2/embed"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withRequestBody(equalToJson("{\"model\":\"embed-v4.0\",\"texts\":[\"a\",\"b\"],"
                        + "\"input_type\":\"search_document\",\"embedding_types\":[\"float\"],\"output_dimension\":256}")));
        assertThat(reply.usage()).isEqualTo(new TokenUsage(4, 0));
        assertThat(reply.usageEstimated()).isFalse();
        JsonNode body = JSON.readTree(reply.body());
        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.at("/data/1/embedding").toString()).isEqualTo("[1.0,0.0]");
    }

    @Test
    void cohereRefusesTheLegacyCompletionsBeforeAnyCall() {
        CohereProvider cohere = new CohereProvider("cohere", URI.create(UPSTREAM.baseUrl()), Optional.of(KEY),
                OpenAiCompatibleProviderTest.CLIENT, OpenAiCompatibleProviderTest.WATCHDOG,
                OpenAiCompatibleProviderTest.TIMEOUTS, JSON, Clock.systemUTC());
        assertThatThrownBy(() -> cohere.complete(call("command-r", "{\"model\":\"x\",\"prompt\":\"a\"}",
                Endpoint.COMPLETIONS))).isInstanceOf(UpstreamException.class).hasMessageContaining("chat only");
        assertThat(UPSTREAM.getAllServeEvents()).isEmpty();
    }

    @Test
    void geminiEmbedsOneTextWithEmbedContentAndSeveralWithBatchEmbedContents() throws Exception {
        UPSTREAM.stubFor(post(urlEqualTo("/v1beta/models/gemini-embedding-001:embedContent")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"embedding\":{\"values\":[0.1,0.2,0.3]}}")));
        UPSTREAM.stubFor(post(urlEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents")).willReturn(
                aResponse().withHeader("Content-Type", "application/json").withBody(
                        "{\"embeddings\":[{\"values\":[1,0]},{\"values\":[0,1]}]}")));
        GeminiProvider gemini = new GeminiProvider("gemini", URI.create(UPSTREAM.baseUrl()), Optional.of(KEY),
                OpenAiCompatibleProviderTest.CLIENT, OpenAiCompatibleProviderTest.WATCHDOG,
                OpenAiCompatibleProviderTest.TIMEOUTS, JSON, Clock.systemUTC());

        UpstreamReply one = gemini.embed(call("gemini-embedding-001",
                "{\"model\":\"g\",\"input\":\"hello world!\",\"dimensions\":3}", Endpoint.EMBEDDINGS));
        UpstreamReply two = gemini.embed(call("gemini-embedding-001",
                "{\"model\":\"g\",\"input\":[\"ab\",\"cd\"],\"encoding_format\":\"base64\"}", Endpoint.EMBEDDINGS));

        UPSTREAM.verify(postRequestedFor(urlEqualTo("/v1beta/models/gemini-embedding-001:embedContent"))
                .withHeader("x-goog-api-key", equalTo(KEY))
                .withRequestBody(equalToJson("{\"content\":{\"parts\":[{\"text\":\"hello world!\"}]},"
                        + "\"outputDimensionality\":3}")));
        UPSTREAM.verify(postRequestedFor(urlEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents"))
                .withRequestBody(equalToJson("{\"requests\":[{\"model\":\"models/gemini-embedding-001\",\"content\":"
                        + "{\"parts\":[{\"text\":\"ab\"}]}},{\"model\":\"models/gemini-embedding-001\",\"content\":"
                        + "{\"parts\":[{\"text\":\"cd\"}]}}]}")));
        // Gemini reports no tokens for embeddings: counted locally (a token per 4 bytes), marked estimated
        assertThat(one.usage()).isEqualTo(new TokenUsage(3, 0));
        assertThat(one.usageEstimated()).isTrue();
        assertThat(two.usage()).isEqualTo(new TokenUsage(2, 0));
        assertThat(OpenAiEmbeddings.vectors(JSON.readTree(two.body())))
                .containsExactly(new float[] {1f, 0f}, new float[] {0f, 1f});
        assertThat(JSON.readTree(two.body()).at("/data/0/embedding").isTextual()).isTrue();
    }

    @Test
    void anthropicServesNoEmbeddingsAndSaysSoWithoutCallingOut() {
        AnthropicProvider anthropic = new AnthropicProvider("anthropic", URI.create(UPSTREAM.baseUrl()),
                Optional.of(KEY), OpenAiCompatibleProviderTest.CLIENT, OpenAiCompatibleProviderTest.WATCHDOG,
                OpenAiCompatibleProviderTest.TIMEOUTS, JSON, Clock.systemUTC());
        assertThatThrownBy(() -> anthropic.embed(call("claude", "{\"model\":\"c\",\"input\":\"a\"}",
                Endpoint.EMBEDDINGS)))
                .isInstanceOf(UpstreamException.class)
                .satisfies(e -> assertThat(((UpstreamException) e).kind()).isEqualTo(UpstreamException.Kind.REJECTED));
        assertThat(UPSTREAM.getAllServeEvents()).isEmpty();
    }
}
