package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.application.port.in.completion.ChunkSink;
import dev.switchgear.application.port.in.completion.ClientGoneException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Turns the gateway's OpenAI chunks into Anthropic's stream events for {@code /v1/messages}:
 * {@code message_start}, a {@code content_block_start/delta/stop} run per text or tool-use block,
 * then {@code message_delta} (stop reason, usage) and {@code message_stop} once the charge is
 * durable. Nothing is written before the first chunk.
 */
final class AnthropicSseSink implements ChunkSink {

    private final HttpServletResponse response;
    private final ObjectMapper json;
    private final String model;
    private ServletOutputStream out;
    private int blockIndex = -1;
    private String openBlock;
    private String stopReason = "end_turn";
    private long inputTokens;
    private long outputTokens;

    AnthropicSseSink(HttpServletResponse response, ObjectMapper json, String model) {
        this.response = response;
        this.json = json;
        this.model = model;
    }

    boolean started() {
        return out != null;
    }

    @Override
    public void chunk(byte[] chunkJson) {
        try {
            JsonNode chunk = json.readTree(chunkJson);
            start(chunk.path("id").asText("msg"));
            JsonNode usage = chunk.get("usage");
            if (usage != null && usage.isObject()) {
                inputTokens = usage.path("prompt_tokens").asLong(inputTokens);
                outputTokens = usage.path("completion_tokens").asLong(outputTokens);
            }
            for (JsonNode choice : chunk.path("choices")) {
                JsonNode delta = choice.path("delta");
                String text = delta.path("content").asText("");
                if (!text.isEmpty()) {
                    if (!"text".equals(openBlock)) {
                        open("text", json.createObjectNode().put("type", "text").put("text", ""));
                    }
                    ObjectNode event = event("content_block_delta");
                    event.put("index", blockIndex);
                    event.putObject("delta").put("type", "text_delta").put("text", text);
                    write("content_block_delta", event);
                }
                for (JsonNode call : delta.path("tool_calls")) {
                    if (call.hasNonNull("id")) {
                        ObjectNode block = json.createObjectNode().put("type", "tool_use")
                                .put("id", call.path("id").asText())
                                .put("name", call.path("function").path("name").asText());
                        block.putObject("input");
                        open("tool_use", block);
                    }
                    String partial = call.path("function").path("arguments").asText("");
                    if (!partial.isEmpty()) {
                        ObjectNode event = event("content_block_delta");
                        event.put("index", blockIndex);
                        event.putObject("delta").put("type", "input_json_delta").put("partial_json", partial);
                        write("content_block_delta", event);
                    }
                }
                if (choice.hasNonNull("finish_reason")) {
                    stopReason = AnthropicFormat.stopReason(choice.get("finish_reason").asText());
                }
            }
        } catch (IOException e) {
            throw new ClientGoneException();
        }
    }

    /** Closes the message: the last block, the stop reason and usage, then message_stop. */
    void done() {
        try {
            start("msg");
            close();
            ObjectNode delta = event("message_delta");
            delta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
            delta.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", outputTokens);
            write("message_delta", delta);
            write("message_stop", event("message_stop"));
        } catch (IOException e) {
            // the caller left after the last chunk
        }
    }

    void error(String message) {
        try {
            start("msg");
            ObjectNode event = event("error");
            event.putObject("error").put("type", "api_error").put("message", message);
            write("error", event);
        } catch (IOException e) {
            // the caller is gone; the charge is already recorded
        }
    }

    private void start(String id) throws IOException {
        if (out != null) {
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        out = response.getOutputStream();
        ObjectNode start = event("message_start");
        ObjectNode message = start.putObject("message");
        message.put("id", "msg_" + id);
        message.put("type", "message");
        message.put("role", "assistant");
        message.putArray("content");
        message.put("model", model);
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
        write("message_start", start);
    }

    private void open(String type, ObjectNode block) throws IOException {
        close();
        blockIndex++;
        openBlock = type;
        ObjectNode event = event("content_block_start");
        event.put("index", blockIndex);
        event.set("content_block", block);
        write("content_block_start", event);
    }

    private void close() throws IOException {
        if (openBlock != null) {
            ObjectNode event = event("content_block_stop");
            event.put("index", blockIndex);
            write("content_block_stop", event);
            openBlock = null;
        }
    }

    private ObjectNode event(String type) {
        return json.createObjectNode().put("type", type);
    }

    private void write(String name, ObjectNode event) throws IOException {
        out.write(("event: " + name + "\ndata: ").getBytes(StandardCharsets.UTF_8));
        out.write(json.writeValueAsBytes(event));
        out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
