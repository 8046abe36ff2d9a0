package dev.switchgear.adapter.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.openai.ChunkDecoder;
import dev.switchgear.domain.shared.TokenUsage;
import java.time.Clock;

/**
 * Anthropic's Messages API format ({@code POST /v1/messages}, version {@value #API_VERSION}) and the
 * gateway's OpenAI chat format, both ways, in one place: requests, whole answers and stream
 * events. The inbound {@code /v1/messages} route reads Anthropic requests and writes Anthropic
 * answers; the Anthropic provider writes Anthropic requests and reads Anthropic answers.
 * Untranslatable input fails with {@link dev.switchgear.adapter.wire.WireFormatException}.
 */
public final class AnthropicMessagesCodec {

    /** The {@code anthropic-version} this format is. */
    public static final String API_VERSION = "2023-06-01";

    private final ObjectMapper json;
    private final ToAnthropicRequest toAnthropicRequest;
    private final FromAnthropicRequest fromAnthropicRequest;
    private final AnthropicResponses responses;

    public AnthropicMessagesCodec(ObjectMapper json) {
        this.json = json;
        this.toAnthropicRequest = new ToAnthropicRequest(json);
        this.fromAnthropicRequest = new FromAnthropicRequest(json);
        this.responses = new AnthropicResponses(json);
    }

    /** The Anthropic Messages request for an OpenAI chat request, for {@code model} with output cap {@code maxTokens}. */
    public ObjectNode toAnthropicRequest(JsonNode openAi, String model, int maxTokens, boolean stream) {
        return toAnthropicRequest.convert(openAi, model, maxTokens, stream);
    }

    /** The OpenAI chat request for an Anthropic Messages request (a stream asks for the usage chunk). */
    public ObjectNode toOpenAiRequest(JsonNode anthropic) {
        return fromAnthropicRequest.convert(anthropic);
    }

    /** The OpenAI chat completion for an Anthropic message; {@code created} in epoch seconds. */
    public ObjectNode toOpenAiResponse(JsonNode message, long created) {
        return responses.toOpenAi(message, created);
    }

    /** The Anthropic message for an OpenAI chat completion, naming {@code model}. */
    public ObjectNode toAnthropicResponse(JsonNode completion, String model) {
        return responses.toAnthropic(completion, model);
    }

    /** Whether a parsed answer is an Anthropic message ({@code "type":"message"}). */
    public boolean isMessage(JsonNode answer) {
        return answer != null && "message".equals(answer.path("type").asText());
    }

    /** A message's usage: cache reads and writes count as prompt tokens. */
    public TokenUsage usage(JsonNode message) {
        return AnthropicTerms.usage(message.path("usage"));
    }

    /** A decoder of one Anthropic event stream into OpenAI chunks. */
    public ChunkDecoder eventDecoder(Clock clock, String model, boolean usageChunkForCaller, ChunkDecoder.Out out) {
        return new AnthropicEventDecoder(json, clock, model, usageChunkForCaller, out);
    }

    /** An encoder of one stream of OpenAI chunks into Anthropic events, naming {@code model}. */
    public AnthropicEventEncoder eventEncoder(String model) {
        return new AnthropicEventEncoder(json, model);
    }
}
