package dev.switchgear.adapter.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.openai.ChunkDecoder;
import dev.switchgear.adapter.wire.openai.OpenAiUsage;
import dev.switchgear.domain.shared.TokenUsage;
import java.time.Clock;
import java.util.Optional;

/**
 * Google's Gemini API format ({@code models/{model}:generateContent} and
 * {@code :streamGenerateContent?alt=sse}) and OpenAI's chat format: requests by
 * {@link ToGeminiRequest}, answers and streamed candidates back as OpenAI completions and chunks,
 * with {@code usageMetadata} as the usage (thinking tokens count as output, as Google bills them, and
 * are its reasoning part; cached content is the prompt's cache-read part).
 */
public final class GeminiCodec {

    private final ObjectMapper json;
    private final ToGeminiRequest requests;

    public GeminiCodec(ObjectMapper json) {
        this.json = json;
        this.requests = new ToGeminiRequest(json);
    }

    /**
     * The Gemini request for an OpenAI chat request (the stream flag is in the URL, not the body).
     *
     * @param defaultMaxTokens the output cap to send when the caller set none, or null
     */
    public ObjectNode toGeminiRequest(JsonNode openAi, Integer defaultMaxTokens) {
        return requests.convert(openAi, defaultMaxTokens);
    }

    /** Whether a parsed answer is a GenerateContentResponse (it has {@code candidates}). */
    public boolean hasCandidates(JsonNode answer) {
        return answer != null && answer.has("candidates");
    }

    /**
     * The OpenAI chat completion for the first candidate of a GenerateContentResponse, without its
     * usage (see {@link #usage}); {@code fallbackModel} names it when Gemini reports no modelVersion.
     */
    public ObjectNode toOpenAiResponse(JsonNode reply, String fallbackModel, long created) {
        JsonNode candidate = reply.path("candidates").path(0);
        ObjectNode completion = json.createObjectNode();
        completion.put("id", "chatcmpl-" + reply.path("responseId").asText("gemini"));
        completion.put("object", "chat.completion");
        completion.put("created", created);
        completion.put("model", reply.path("modelVersion").asText(fallbackModel));
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        ArrayNode toolCalls = json.createArrayNode();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (isText(part)) {
                text.append(part.path("text").asText());
            } else if (part.has("functionCall")) {
                ObjectNode call = toolCalls.addObject();
                JsonNode functionCall = part.path("functionCall");
                call.put("id", functionCall.path("id").asText("call_" + (toolCalls.size() - 1)));
                call.put("type", "function");
                call.putObject("function").put("name", functionCall.path("name").asText())
                        .put("arguments", functionCall.path("args").toString());
            }
        }
        message.put("content", text.toString());
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        choice.put("finish_reason", toolCalls.isEmpty() ? finishReason(candidate.path("finishReason").asText(null))
                : "tool_calls");
        return completion;
    }

    /** The usage Gemini reported in a response, if it did. */
    public Optional<TokenUsage> usage(JsonNode reply) {
        return reply.has("usageMetadata") ? Optional.of(usageOf(reply.path("usageMetadata"))) : Optional.empty();
    }

    /** A decoder of one Gemini SSE stream of GenerateContentResponses into OpenAI chunks. */
    public ChunkDecoder eventDecoder(Clock clock, String model, boolean usageChunkForCaller, ChunkDecoder.Out out) {
        return new GeminiEventDecoder(json, clock, model, usageChunkForCaller, out);
    }

    /**
     * Gemini's usage in the gateway's terms (ADR 0023): {@code promptTokenCount} already includes the
     * cached content ({@code cachedContentTokenCount}, the cache-read part) and
     * {@code toolUsePromptTokenCount} is input apart from it; {@code thoughtsTokenCount} is apart from
     * {@code candidatesTokenCount}, so the output is the two together and the thoughts are its
     * reasoning part. Gemini has no cache writes in a response (explicit caches are created and
     * stored by a call of their own).
     */
    static TokenUsage usageOf(JsonNode metadata) {
        long thoughts = Math.max(0, metadata.path("thoughtsTokenCount").asLong(0));
        return OpenAiUsage.fit(Math.max(0, metadata.path("promptTokenCount").asLong(0))
                        + Math.max(0, metadata.path("toolUsePromptTokenCount").asLong(0)),
                Math.max(0, metadata.path("candidatesTokenCount").asLong(0)) + thoughts,
                metadata.path("cachedContentTokenCount").asLong(0), 0, 0, thoughts);
    }

    /** A part that is answer text (thoughts are not). */
    static boolean isText(JsonNode part) {
        return part.has("text") && !part.path("thought").asBoolean(false);
    }

    static String finishReason(String gemini) {
        if (gemini == null) {
            return null;
        }
        return switch (gemini) {
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII" -> "content_filter";
            default -> "stop";
        };
    }
}
