package dev.switchgear.adapter.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.StreamErrorEvent;
import dev.switchgear.adapter.wire.openai.ChunkDecoder;
import dev.switchgear.domain.shared.TokenUsage;
import java.time.Clock;

/**
 * Anthropic's stream events ({@code message_start}, {@code content_block_start/delta/stop},
 * {@code message_delta}, {@code message_stop}, {@code ping}, {@code error}) as OpenAI chunks, tool
 * calls included; the usage is message_start's, with message_delta's counts over it (they are
 * cumulative: its output tokens, and its input and cache counts when it reports them).
 */
public final class AnthropicEventDecoder extends ChunkDecoder {

    private ObjectNode usage;
    private boolean outputReported;
    private int toolIndex = -1;

    AnthropicEventDecoder(ObjectMapper json, Clock clock, String model, boolean usageChunkForCaller, Out out) {
        super(json, clock, "chatcmpl-anthropic", model, usageChunkForCaller, out);
    }

    @Override
    public void on(JsonNode event) {
        switch (event.path("type").asText()) {
            case "message_start" -> {
                JsonNode message = event.path("message");
                id = "chatcmpl-" + message.path("id").asText();
                model = message.path("model").asText(model);
                usage = message.path("usage").isObject() ? message.path("usage").deepCopy() : json.createObjectNode();
                TokenUsage start = AnthropicTerms.usage(usage);
                knownInput = new TokenUsage(start.inputTokens(), 0, start.cachedInputTokens(),
                        start.cacheWrite5mTokens(), start.cacheWrite1hTokens(), 0);
                send(roleDelta(), null, "");
            }
            case "content_block_start" -> {
                JsonNode block = event.path("content_block");
                if ("tool_use".equals(block.path("type").asText())) {
                    toolIndex++;
                    send(toolCallStart(toolIndex, block.path("id").asText(), block.path("name").asText(), ""), null,
                            block.path("name").asText());
                }
            }
            case "content_block_delta" -> {
                JsonNode d = event.path("delta");
                if ("text_delta".equals(d.path("type").asText())) {
                    send(json.createObjectNode().put("content", d.path("text").asText()), null, d.path("text").asText());
                } else if ("input_json_delta".equals(d.path("type").asText())) {
                    send(toolCallArguments(Math.max(toolIndex, 0), d.path("partial_json").asText()), null,
                            d.path("partial_json").asText());
                }
            }
            case "message_delta" -> {
                JsonNode counts = event.path("usage");
                if (usage != null && counts.isObject()) {
                    counts.fields().forEachRemaining(field -> {
                        if (!field.getValue().isNull()) {
                            usage.set(field.getKey(), field.getValue());
                        }
                    });
                    outputReported |= counts.hasNonNull("output_tokens");
                }
                send(json.createObjectNode(), AnthropicTerms.finishReason(event.path("delta").path("stop_reason")
                        .asText(null)), "");
            }
            case "message_stop" -> {
                if (usage != null && outputReported) {
                    reported = AnthropicTerms.usage(usage);
                }
                sendUsageIfAsked();
                ended = true;
            }
            case "error" -> throw new StreamErrorEvent(event.path("error").path("message").asText("unknown error"));
            default -> {
                // ping, content_block_stop and event types added later carry nothing to relay
            }
        }
    }
}
