package dev.switchgear.adapter.wire.cohere;

import static dev.switchgear.adapter.wire.openai.ChatContent.copy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.WireFormatException;
import dev.switchgear.adapter.wire.openai.ChatContent;
import dev.switchgear.adapter.wire.openai.ChunkDecoder;
import dev.switchgear.domain.shared.TokenUsage;
import java.time.Clock;

/**
 * Cohere's Chat API v2 ({@code POST /v2/chat}) and OpenAI's chat format. Its messages and tool calls
 * are close to OpenAI's; parameters are renamed ({@code top_p} → {@code p}, {@code stop} →
 * {@code stop_sequences}, {@code tool_choice} → {@code REQUIRED}/{@code NONE}), answers are mapped
 * back, and stream events are decoded by {@link CohereEventDecoder}. The usage is Cohere's billed
 * units when it reports them (what Cohere charges).
 */
public final class CohereChatCodec {

    private final ObjectMapper json;

    public CohereChatCodec(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The Cohere v2 request for an OpenAI chat request.
     *
     * @param defaultMaxTokens the output cap to send when the caller set none, or null
     */
    public ObjectNode toCohereRequest(JsonNode openAi, String model, Integer defaultMaxTokens, boolean stream) {
        if (openAi.path("n").asInt(1) > 1) {
            throw new WireFormatException("`n` greater than 1 is not supported by this provider");
        }
        ObjectNode request = json.createObjectNode();
        request.put("model", model);
        ArrayNode messages = request.putArray("messages");
        for (JsonNode message : openAi.path("messages")) {
            ObjectNode converted = message.deepCopy();
            if ("developer".equals(converted.path("role").asText())) {
                converted.put("role", "system");
            }
            converted.remove("name");
            messages.add(converted);
        }
        if (defaultMaxTokens != null) {
            request.put("max_tokens", defaultMaxTokens);
        } else if (openAi.hasNonNull("max_completion_tokens")) {
            request.set("max_tokens", openAi.get("max_completion_tokens"));
        } else if (openAi.hasNonNull("max_tokens")) {
            request.set("max_tokens", openAi.get("max_tokens"));
        }
        copy(openAi, "temperature", request, "temperature");
        copy(openAi, "top_p", request, "p");
        copy(openAi, "seed", request, "seed");
        copy(openAi, "frequency_penalty", request, "frequency_penalty");
        copy(openAi, "presence_penalty", request, "presence_penalty");
        copy(openAi, "tools", request, "tools");
        ChatContent.putStopSequences(openAi.get("stop"), request, "stop_sequences");
        JsonNode choice = openAi.get("tool_choice");
        if (choice != null && choice.isTextual()) {
            if ("required".equals(choice.asText())) {
                request.put("tool_choice", "REQUIRED");
            } else if ("none".equals(choice.asText())) {
                request.put("tool_choice", "NONE");
            }
        }
        JsonNode format = openAi.get("response_format");
        if (format != null && format.path("type").asText().startsWith("json")) {
            ObjectNode converted = request.putObject("response_format").put("type", "json_object");
            if (format.at("/json_schema/schema").isObject()) {
                converted.set("json_schema", format.at("/json_schema/schema"));
            }
        }
        if (stream) {
            request.put("stream", true);
        }
        return request;
    }

    /** Whether a parsed answer is a Cohere chat response (it has a {@code message}). */
    public boolean isChatResponse(JsonNode answer) {
        return answer != null && answer.has("message");
    }

    /** The OpenAI chat completion for a Cohere chat response, naming {@code model}; {@code created} in epoch seconds. */
    public ObjectNode toOpenAiResponse(JsonNode reply, String model, long created) {
        ObjectNode completion = json.createObjectNode();
        completion.put("id", "chatcmpl-" + reply.path("id").asText());
        completion.put("object", "chat.completion");
        completion.put("created", created);
        completion.put("model", model);
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        for (JsonNode part : reply.path("message").path("content")) {
            text.append(part.path("text").asText(""));
        }
        message.put("content", text.toString());
        if (reply.path("message").path("tool_calls").isArray() && !reply.path("message").path("tool_calls").isEmpty()) {
            message.set("tool_calls", reply.path("message").path("tool_calls"));
        }
        choice.put("finish_reason", finishReason(reply.path("finish_reason").asText(null)));
        ChatContent.putUsage(completion, usage(reply.path("usage")));
        return completion;
    }

    /** A decoder of one Cohere event stream into OpenAI chunks. */
    public ChunkDecoder eventDecoder(Clock clock, String model, boolean usageChunkForCaller, ChunkDecoder.Out out) {
        return new CohereEventDecoder(json, clock, model, usageChunkForCaller, out);
    }

    /** Cohere's usage: the billed units where reported, else the token counts. */
    public static TokenUsage usage(JsonNode usage) {
        JsonNode units = usage.has("billed_units") ? usage.get("billed_units") : usage.path("tokens");
        return new TokenUsage(units.path("input_tokens").asLong(0), units.path("output_tokens").asLong(0));
    }

    static String finishReason(String cohere) {
        if (cohere == null) {
            return null;
        }
        return switch (cohere) {
            case "MAX_TOKENS" -> "length";
            case "TOOL_CALL" -> "tool_calls";
            default -> "stop";
        };
    }
}
