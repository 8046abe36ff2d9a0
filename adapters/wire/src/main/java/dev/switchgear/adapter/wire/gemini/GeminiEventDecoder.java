package dev.switchgear.adapter.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.adapter.wire.StreamErrorEvent;
import dev.switchgear.adapter.wire.openai.ChunkDecoder;
import java.time.Clock;

/**
 * Gemini's streamed GenerateContentResponses as OpenAI chunks. Gemini has no end-of-message event:
 * the finish reason and the usage ride on the last response, and the closing chunk goes out when
 * the stream ends.
 */
public final class GeminiEventDecoder extends ChunkDecoder {

    private String finish;
    private int toolCalls;
    private boolean started;

    GeminiEventDecoder(ObjectMapper json, Clock clock, String model, boolean usageChunkForCaller, Out out) {
        super(json, clock, "chatcmpl-gemini", model, usageChunkForCaller, out);
    }

    @Override
    public void on(JsonNode response) {
        if (response.has("error")) {
            throw new StreamErrorEvent(response.path("error").path("message").asText("unknown error"));
        }
        if (!started) {
            started = true;
            send(roleDelta(), null, "");
        }
        JsonNode candidate = response.path("candidates").path(0);
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (GeminiCodec.isText(part)) {
                String text = part.path("text").asText();
                send(json.createObjectNode().put("content", text), null, text);
            } else if (part.has("functionCall")) {
                JsonNode functionCall = part.path("functionCall");
                int index = toolCalls++;
                send(toolCallStart(index, functionCall.path("id").asText("call_" + index),
                        functionCall.path("name").asText(), functionCall.path("args").toString()), null,
                        functionCall.toString());
            }
        }
        if (candidate.hasNonNull("finishReason")) {
            finish = toolCalls > 0 ? "tool_calls" : GeminiCodec.finishReason(candidate.path("finishReason").asText());
        }
        if (response.has("usageMetadata")) {
            reported = GeminiCodec.usageOf(response.path("usageMetadata"));
        }
    }

    @Override
    public void atEndOfStream() {
        send(json.createObjectNode(), finish == null ? "stop" : finish, "");
        sendUsageIfAsked();
    }
}
