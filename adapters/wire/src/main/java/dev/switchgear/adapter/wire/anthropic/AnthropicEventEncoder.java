package dev.switchgear.adapter.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.openai.OpenAiUsage;
import dev.switchgear.domain.shared.TokenUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's OpenAI chunks as Anthropic's stream events, for one message: {@code message_start}
 * before anything else, a {@code content_block_start/delta/stop} run per text or tool-use block,
 * then, at {@link #done()}, {@code message_delta} (stop reason, usage with the cache's reads and
 * writes apart, as Anthropic reports them) and {@code message_stop}.
 * Stateful: one encoder per stream. Writing the events out is the caller's business.
 */
public final class AnthropicEventEncoder {

    /** One server-sent event: its {@code event:} name and its data. */
    public record Event(String name, ObjectNode data) {
    }

    private final ObjectMapper json;
    private final String model;
    private boolean started;
    private int blockIndex = -1;
    private String openBlock;
    private String stopReason = "end_turn";
    private TokenUsage usage = new TokenUsage(0, 0);

    AnthropicEventEncoder(ObjectMapper json, String model) {
        this.json = json;
        this.model = model;
    }

    /** The events for one OpenAI chunk (with message_start first, for the first). */
    public List<Event> chunk(JsonNode chunk) {
        List<Event> events = new ArrayList<>();
        start(chunk.path("id").asText("msg"), events);
        JsonNode reported = chunk.get("usage");
        if (reported != null && reported.isObject()) {
            usage = OpenAiUsage.read(reported).orElse(usage);
        }
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.path("delta");
            String text = delta.path("content").asText("");
            if (!text.isEmpty()) {
                if (!"text".equals(openBlock)) {
                    open("text", json.createObjectNode().put("type", "text").put("text", ""), events);
                }
                ObjectNode event = event("content_block_delta");
                event.put("index", blockIndex);
                event.putObject("delta").put("type", "text_delta").put("text", text);
                events.add(new Event("content_block_delta", event));
            }
            for (JsonNode call : delta.path("tool_calls")) {
                if (call.hasNonNull("id")) {
                    ObjectNode block = json.createObjectNode().put("type", "tool_use")
                            .put("id", call.path("id").asText())
                            .put("name", call.path("function").path("name").asText());
                    block.putObject("input");
                    open("tool_use", block, events);
                }
                String partial = call.path("function").path("arguments").asText("");
                if (!partial.isEmpty()) {
                    ObjectNode event = event("content_block_delta");
                    event.put("index", blockIndex);
                    event.putObject("delta").put("type", "input_json_delta").put("partial_json", partial);
                    events.add(new Event("content_block_delta", event));
                }
            }
            if (choice.hasNonNull("finish_reason")) {
                stopReason = AnthropicTerms.stopReason(choice.get("finish_reason").asText());
            }
        }
        return events;
    }

    /** The events that close the message: the last block, the stop reason and usage, then message_stop. */
    public List<Event> done() {
        List<Event> events = new ArrayList<>();
        start("msg", events);
        close(events);
        ObjectNode delta = event("message_delta");
        delta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        AnthropicTerms.writeUsage(delta.putObject("usage"), usage);
        events.add(new Event("message_delta", delta));
        events.add(new Event("message_stop", event("message_stop")));
        return events;
    }

    /** An {@code error} event ({@code api_error}) ending the stream. */
    public List<Event> error(String message) {
        List<Event> events = new ArrayList<>();
        start("msg", events);
        ObjectNode event = event("error");
        event.putObject("error").put("type", "api_error").put("message", message);
        events.add(new Event("error", event));
        return events;
    }

    private void start(String id, List<Event> events) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode start = event("message_start");
        ObjectNode message = start.putObject("message");
        message.put("id", "msg_" + id);
        message.put("type", "message");
        message.put("role", "assistant");
        message.putArray("content");
        message.put("model", model);
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        AnthropicTerms.writeUsage(message.putObject("usage"), new TokenUsage(0, 0));
        events.add(new Event("message_start", start));
    }

    private void open(String type, ObjectNode block, List<Event> events) {
        close(events);
        blockIndex++;
        openBlock = type;
        ObjectNode event = event("content_block_start");
        event.put("index", blockIndex);
        event.set("content_block", block);
        events.add(new Event("content_block_start", event));
    }

    private void close(List<Event> events) {
        if (openBlock != null) {
            ObjectNode event = event("content_block_stop");
            event.put("index", blockIndex);
            events.add(new Event("content_block_stop", event));
            openBlock = null;
        }
    }

    private ObjectNode event(String type) {
        return json.createObjectNode().put("type", type);
    }
}
