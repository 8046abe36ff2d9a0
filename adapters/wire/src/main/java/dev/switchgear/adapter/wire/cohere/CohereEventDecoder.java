package dev.switchgear.adapter.wire.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.adapter.wire.openai.ChunkDecoder;
import java.time.Clock;

/**
 * Cohere's v2 stream events ({@code message-start}, {@code content-delta},
 * {@code tool-call-start/delta}, {@code message-end}) as OpenAI chunks; the usage is message-end's.
 */
public final class CohereEventDecoder extends ChunkDecoder {

    private int toolIndex = -1;

    CohereEventDecoder(ObjectMapper json, Clock clock, String model, boolean usageChunkForCaller, Out out) {
        super(json, clock, "chatcmpl-cohere", model, usageChunkForCaller, out);
    }

    @Override
    public void on(JsonNode event) {
        JsonNode message = event.path("delta").path("message");
        switch (event.path("type").asText()) {
            case "message-start" -> {
                id = "chatcmpl-" + event.path("id").asText("cohere");
                send(roleDelta(), null, "");
            }
            case "content-delta" -> {
                String text = message.path("content").path("text").asText("");
                send(json.createObjectNode().put("content", text), null, text);
            }
            case "tool-call-start" -> {
                toolIndex++;
                JsonNode toolCall = message.path("tool_calls");
                String name = toolCall.path("function").path("name").asText();
                String arguments = toolCall.path("function").path("arguments").asText("");
                send(toolCallStart(toolIndex, toolCall.path("id").asText(), name, arguments), null, name + arguments);
            }
            case "tool-call-delta" -> {
                String arguments = message.path("tool_calls").path("function").path("arguments").asText("");
                send(toolCallArguments(Math.max(toolIndex, 0), arguments), null, arguments);
            }
            case "message-end" -> {
                JsonNode delta = event.path("delta");
                if (delta.has("usage")) {
                    reported = CohereChatCodec.usage(delta.get("usage"));
                }
                send(json.createObjectNode(), CohereChatCodec.finishReason(delta.path("finish_reason").asText("COMPLETE")),
                        "");
                sendUsageIfAsked();
                ended = true;
            }
            default -> {
                // content-start/end, tool-plan-delta, tool-call-end, citations: nothing to relay
            }
        }
    }
}
