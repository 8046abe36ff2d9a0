package dev.switchgear.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.application.port.out.completion.CompletionProvider;
import dev.switchgear.application.port.out.completion.StreamOutcome;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import dev.switchgear.domain.shared.TokenUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CompletionProvider} must do, whatever its upstream's wire format: run against
 * the in-memory fake the application tests use and against each provider family (OpenAI-compatible,
 * Anthropic, Cohere, Gemini) in front of a stub speaking that vendor's documented format.
 *
 * <p>A subclass makes its upstream behave as an {@link Upstream} says, in its own format, and answer
 * with this contract's {@link #TEXT}, {@link #USAGE} and {@link #TOOL} call; the contract then checks
 * what the port promises: answers and chunks in OpenAI's format, the reported usage or an estimate
 * marked as one, each failure as the right {@link UpstreamException} before the first chunk and as
 * a {@link StreamOutcome} failure after it.
 */
public abstract class CompletionProviderContract {

    /** The answer's text, streamed as {@link #FIRST_PIECE} then {@link #SECOND_PIECE}. */
    protected static final String FIRST_PIECE = "Sunny ";
    protected static final String SECOND_PIECE = "in Paris.";
    protected static final String TEXT = FIRST_PIECE + SECOND_PIECE;
    /** The usage the upstream reports, where it reports one. */
    protected static final TokenUsage USAGE = new TokenUsage(11, 7);
    protected static final String TOOL = "get_weather";
    protected static final String TOOL_ARGUMENTS = "{\"city\":\"Paris\"}";
    protected static final Duration RETRY_AFTER = Duration.ofSeconds(7);
    protected static final String MODEL = "contract-model";

    protected static final byte[] REQUEST = ("{\"model\":\"contract\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Weather in Paris?\"}]}").getBytes(StandardCharsets.UTF_8);
    protected static final byte[] TOOLS_REQUEST = ("{\"model\":\"contract\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Weather in Paris?\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\""
            + TOOL + "\",\"description\":\"Weather\",\"parameters\":{\"type\":\"object\",\"properties\":"
            + "{\"city\":{\"type\":\"string\"}}}}}]}").getBytes(StandardCharsets.UTF_8);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the upstream behind the provider behaves for the next calls (plain and streamed alike). */
    public enum Upstream {
        /** Answers {@link #TEXT} (finish "stop") and reports {@link #USAGE}. */
        ANSWERS_TEXT,
        /** Answers with one call of {@link #TOOL} with {@link #TOOL_ARGUMENTS} and reports {@link #USAGE}. */
        ANSWERS_TOOL_CALL,
        /** Streams {@link #TEXT} in two pieces, finishes with "stop" and reports {@link #USAGE}. */
        STREAMS_TEXT,
        /** Streams one call of {@link #TOOL}, its arguments in pieces, and reports {@link #USAGE}. */
        STREAMS_TOOL_CALL,
        /** Streams {@link #TEXT} and finishes, but reports no usage. */
        STREAMS_TEXT_WITHOUT_USAGE,
        /** Streams {@link #FIRST_PIECE}, then the connection breaks. */
        BREAKS_THE_STREAM_AFTER_THE_FIRST_PIECE,
        /** Streams {@link #FIRST_PIECE}, then sends nothing for much longer than the idle timeout. */
        GOES_QUIET_AFTER_THE_FIRST_PIECE,
        /** Answers 429 with {@code Retry-After: 7}. */
        RATE_LIMITS,
        /** Answers 503. */
        FAILS_WITH_503,
        /** Resets the connection before answering. */
        RESETS_THE_CONNECTION,
        /** Sends nothing for much longer than the first-byte timeout. */
        NEVER_ANSWERS
    }

    /** Makes the upstream behave so and returns the provider to call (with the deadlines the case needs). */
    protected abstract CompletionProvider given(Upstream behaviour);

    /**
     * {@link #USAGE} as the provider must read it from its upstream's report: the same totals, with
     * the parts (cache, reasoning) the vendor's shape reports apart — none unless a subclass says so.
     */
    protected TokenUsage reportedUsage() {
        return USAGE;
    }

    /** The names of the tools the upstream was offered in the last call, read from its own request format. */
    protected abstract List<String> toolsOfferedUpstream();

    @Test
    void aPlainCompletionComesBackInOpenAisShapeWithTheReportedUsage() {
        UpstreamReply reply = given(Upstream.ANSWERS_TEXT).complete(new UpstreamCall(MODEL, REQUEST, null));

        JsonNode body = read(reply.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo(TEXT);
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(body.at("/usage/prompt_tokens").asLong()).isEqualTo(USAGE.inputTokens());
        assertThat(body.at("/usage/completion_tokens").asLong()).isEqualTo(USAGE.outputTokens());
        assertThat(reply.usage()).isEqualTo(reportedUsage());
        assertThat(reply.usageEstimated()).isFalse();
    }

    @Test
    void aStreamComesChunkByChunkInOpenAisShapeWithTheReportedUsage() {
        CompletionProvider provider = given(Upstream.STREAMS_TEXT);
        List<JsonNode> chunks = new ArrayList<>();

        StreamOutcome outcome = provider.stream(new UpstreamCall(MODEL, REQUEST, null, true), c -> chunks.add(read(c)));

        assertThat(chunks).allSatisfy(c -> assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk"));
        assertThat(chunks).filteredOn(c -> !c.at("/choices/0/delta/content").asText("").isEmpty()).hasSizeGreaterThan(1);
        assertThat(text(chunks)).isEqualTo(TEXT);
        assertThat(chunks).anySatisfy(c -> assertThat(c.at("/choices/0/finish_reason").asText()).isEqualTo("stop"));
        assertThat(chunks.get(chunks.size() - 1).at("/usage/completion_tokens").asLong())
                .isEqualTo(USAGE.outputTokens());
        assertThat(outcome.finished()).isTrue();
        assertThat(outcome.usage()).isEqualTo(reportedUsage());
        assertThat(outcome.usageEstimated()).isFalse();
    }

    @Test
    void aToolCallInTheReplyComesBackAsAnOpenAiToolCall() {
        UpstreamReply reply = given(Upstream.ANSWERS_TOOL_CALL).complete(new UpstreamCall(MODEL, TOOLS_REQUEST, null));

        assertThat(toolsOfferedUpstream()).containsExactly(TOOL);
        JsonNode call = read(reply.body()).at("/choices/0/message/tool_calls/0");
        assertThat(call.path("id").asText()).isNotBlank();
        assertThat(call.path("type").asText()).isEqualTo("function");
        assertThat(call.at("/function/name").asText()).isEqualTo(TOOL);
        assertThat(read(call.at("/function/arguments").asText())).isEqualTo(read(TOOL_ARGUMENTS));
        assertThat(read(reply.body()).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(reply.usage()).isEqualTo(reportedUsage());
    }

    @Test
    void aStreamedToolCallComesAsToolCallDeltas() {
        CompletionProvider provider = given(Upstream.STREAMS_TOOL_CALL);
        List<JsonNode> chunks = new ArrayList<>();

        StreamOutcome outcome = provider.stream(new UpstreamCall(MODEL, TOOLS_REQUEST, null, false),
                c -> chunks.add(read(c)));

        assertThat(toolsOfferedUpstream()).containsExactly(TOOL);
        List<JsonNode> deltas = new ArrayList<>();
        chunks.forEach(c -> c.at("/choices/0/delta/tool_calls").forEach(deltas::add));
        assertThat(deltas).isNotEmpty();
        assertThat(deltas.get(0).path("id").asText()).isNotBlank();
        assertThat(deltas.get(0).at("/function/name").asText()).isEqualTo(TOOL);
        assertThat(deltas).allSatisfy(d -> assertThat(d.path("index").asInt()).isZero());
        StringBuilder arguments = new StringBuilder();
        deltas.forEach(d -> arguments.append(d.at("/function/arguments").asText("")));
        assertThat(read(arguments.toString())).isEqualTo(read(TOOL_ARGUMENTS));
        assertThat(chunks).anySatisfy(c -> assertThat(c.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls"));
        assertThat(outcome.finished()).isTrue();
        assertThat(outcome.usage()).isEqualTo(reportedUsage());
    }

    @Test
    void a429IsRateLimitedWithItsRetryAfterPlainAndBeforeTheFirstChunk() {
        CompletionProvider provider = given(Upstream.RATE_LIMITS);

        assertThatThrownBy(() -> provider.complete(new UpstreamCall(MODEL, REQUEST, null)))
                .isInstanceOfSatisfying(UpstreamException.class, CompletionProviderContract::isRateLimited);
        List<byte[]> chunks = new ArrayList<>();
        assertThatThrownBy(() -> provider.stream(new UpstreamCall(MODEL, REQUEST, null, false), chunks::add))
                .isInstanceOfSatisfying(UpstreamException.class, CompletionProviderContract::isRateLimited);
        assertThat(chunks).isEmpty();
    }

    @Test
    void a5xxIsUnavailablePlainAndBeforeTheFirstChunk() {
        CompletionProvider provider = given(Upstream.FAILS_WITH_503);

        assertThatThrownBy(() -> provider.complete(new UpstreamCall(MODEL, REQUEST, null)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> isUnavailable(e, 503));
        List<byte[]> chunks = new ArrayList<>();
        assertThatThrownBy(() -> provider.stream(new UpstreamCall(MODEL, REQUEST, null, false), chunks::add))
                .isInstanceOfSatisfying(UpstreamException.class, e -> isUnavailable(e, 503));
        assertThat(chunks).isEmpty();
    }

    @Test
    void aResetConnectionIsUnavailableAndNamesNoAddress() {
        CompletionProvider provider = given(Upstream.RESETS_THE_CONNECTION);

        assertThatThrownBy(() -> provider.complete(new UpstreamCall(MODEL, REQUEST, null)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    isUnavailable(e, 0);
                    assertThat(e.getMessage()).contains(provider.providerId()).doesNotContain("127.0.0.1");
                });
        List<byte[]> chunks = new ArrayList<>();
        assertThatThrownBy(() -> provider.stream(new UpstreamCall(MODEL, REQUEST, null, false), chunks::add))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    isUnavailable(e, 0);
                    assertThat(e.getMessage()).doesNotContain("127.0.0.1");
                });
        assertThat(chunks).isEmpty();
    }

    @Test
    void anUpstreamThatSendsNothingTimesOutOnTheFirstByte() {
        CompletionProvider provider = given(Upstream.NEVER_ANSWERS);

        assertThatThrownBy(() -> provider.complete(new UpstreamCall(MODEL, REQUEST, null)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    isUnavailable(e, 0);
                    assertThat(e.getMessage()).contains("timed out (first byte)");
                });
        List<byte[]> chunks = new ArrayList<>();
        assertThatThrownBy(() -> provider.stream(new UpstreamCall(MODEL, REQUEST, null, false), chunks::add))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    isUnavailable(e, 0);
                    assertThat(e.getMessage()).contains("timed out (first byte)");
                });
        assertThat(chunks).isEmpty();
    }

    @Test
    void aStreamThatGoesQuietIsCutAtTheIdleTimeoutAndChargedForWhatArrived() {
        CompletionProvider provider = given(Upstream.GOES_QUIET_AFTER_THE_FIRST_PIECE);
        List<JsonNode> chunks = new ArrayList<>();

        StreamOutcome outcome = provider.stream(new UpstreamCall(MODEL, REQUEST, null, false), c -> chunks.add(read(c)));

        assertThat(text(chunks)).isEqualTo(FIRST_PIECE);
        assertThat(outcome.failure()).hasValueSatisfying(f -> assertThat(f).contains("timed out (idle)"));
        assertThat(outcome.clientGone()).isFalse();
        assertThat(outcome.usageEstimated()).isTrue();
        assertThat(outcome.usage().inputTokens()).isPositive();
        assertThat(outcome.usage().outputTokens()).isPositive();
    }

    @Test
    void aStreamBrokenMidwayEndsWithAFailureAndIsChargedForWhatArrived() {
        CompletionProvider provider = given(Upstream.BREAKS_THE_STREAM_AFTER_THE_FIRST_PIECE);
        List<JsonNode> chunks = new ArrayList<>();

        StreamOutcome outcome = provider.stream(new UpstreamCall(MODEL, REQUEST, null, false), c -> chunks.add(read(c)));

        assertThat(text(chunks)).isEqualTo(FIRST_PIECE);
        assertThat(outcome.finished()).isFalse();
        assertThat(outcome.failure()).hasValueSatisfying(f -> assertThat(f).contains(provider.providerId())
                .contains("broke off"));
        assertThat(outcome.clientGone()).isFalse();
        assertThat(outcome.usageEstimated()).isTrue();
        assertThat(outcome.usage().inputTokens()).isPositive();
        assertThat(outcome.usage().outputTokens()).isPositive();
    }

    @Test
    void aStreamWithoutAUsageChunkIsChargedByAnEstimateMarkedAsOne() {
        CompletionProvider provider = given(Upstream.STREAMS_TEXT_WITHOUT_USAGE);
        List<JsonNode> chunks = new ArrayList<>();

        StreamOutcome outcome = provider.stream(new UpstreamCall(MODEL, REQUEST, null, true), c -> chunks.add(read(c)));

        assertThat(text(chunks)).isEqualTo(TEXT);
        assertThat(chunks).noneSatisfy(c -> assertThat(c.path("usage").isObject()).isTrue());
        assertThat(outcome.finished()).isTrue();
        assertThat(outcome.usageEstimated()).isTrue();
        assertThat(outcome.usage().inputTokens()).isPositive();
        assertThat(outcome.usage().outputTokens()).isPositive();
    }

    private static void isRateLimited(UpstreamException e) {
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.RATE_LIMITED);
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfter()).contains(RETRY_AFTER);
    }

    private static void isUnavailable(UpstreamException e, int status) {
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
        assertThat(e.status()).isEqualTo(status);
    }

    private static String text(List<JsonNode> chunks) {
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
        return text.toString();
    }

    protected static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static JsonNode read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }
}
