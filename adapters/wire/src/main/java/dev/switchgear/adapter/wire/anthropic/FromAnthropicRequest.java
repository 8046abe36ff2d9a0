package dev.switchgear.adapter.wire.anthropic;

import static dev.switchgear.adapter.wire.openai.ChatContent.copy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.WireFormatException;
import dev.switchgear.adapter.wire.openai.ChatContent;

/**
 * An Anthropic Messages request as the gateway's OpenAI chat request (ADR 0008): the system prompt,
 * text, image, tool_use and tool_result blocks, tools and tool choice, stop sequences, streaming
 * (always asking for the usage chunk).
 */
final class FromAnthropicRequest {

    private final ObjectMapper json;

    FromAnthropicRequest(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode convert(JsonNode request) {
        ObjectNode openAi = json.createObjectNode();
        openAi.put("model", request.path("model").asText());
        openAi.put("max_tokens", request.path("max_tokens").asInt());
        ArrayNode messages = openAi.putArray("messages");
        JsonNode system = request.get("system");
        if (system != null && !system.isNull()) {
            messages.addObject().put("role", "system").put("content", ChatContent.text(system));
        }
        for (JsonNode message : request.path("messages")) {
            message(message, messages);
        }
        copy(request, "temperature", openAi, "temperature");
        copy(request, "top_p", openAi, "top_p");
        copy(request, "stop_sequences", openAi, "stop");
        if (request.path("metadata").hasNonNull("user_id")) {
            openAi.put("user", request.path("metadata").path("user_id").asText());
        }
        if (request.path("tools").isArray() && !request.path("tools").isEmpty()) {
            tools(request, openAi);
        }
        if (request.path("stream").asBoolean(false)) {
            openAi.put("stream", true);
            openAi.putObject("stream_options").put("include_usage", true);
        }
        return openAi;
    }

    private void message(JsonNode message, ArrayNode messages) {
        String role = message.path("role").asText();
        JsonNode content = message.path("content");
        if (content.isTextual()) {
            messages.addObject().put("role", role).put("content", content.asText());
            return;
        }
        ArrayNode parts = json.createArrayNode();
        ArrayNode toolCalls = json.createArrayNode();
        for (JsonNode block : content) {
            switch (block.path("type").asText()) {
                case "text" -> parts.addObject().put("type", "text").put("text", block.path("text").asText());
                case "image" -> {
                    JsonNode source = block.path("source");
                    String url = "base64".equals(source.path("type").asText())
                            ? "data:" + source.path("media_type").asText() + ";base64," + source.path("data").asText()
                            : source.path("url").asText();
                    parts.addObject().put("type", "image_url").putObject("image_url").put("url", url);
                }
                case "tool_use" -> {
                    ObjectNode call = toolCalls.addObject();
                    call.put("id", block.path("id").asText());
                    call.put("type", "function");
                    call.putObject("function").put("name", block.path("name").asText())
                            .put("arguments", block.path("input").toString());
                }
                case "tool_result" -> messages.addObject().put("role", "tool")
                        .put("tool_call_id", block.path("tool_use_id").asText())
                        .put("content", ChatContent.text(block.path("content")));
                default -> throw new WireFormatException("content blocks of type `" + block.path("type").asText()
                        + "` are not supported", "messages");
            }
        }
        if (!parts.isEmpty() || !toolCalls.isEmpty()) {
            ObjectNode converted = messages.addObject().put("role", role);
            if ("assistant".equals(role)) {
                StringBuilder text = new StringBuilder();
                parts.forEach(p -> text.append(p.path("text").asText("")));
                converted.put("content", text.toString());
                if (!toolCalls.isEmpty()) {
                    converted.set("tool_calls", toolCalls);
                }
            } else {
                converted.set("content", parts);
            }
        }
    }

    private static void tools(JsonNode request, ObjectNode openAi) {
        ArrayNode tools = openAi.putArray("tools");
        for (JsonNode tool : request.path("tools")) {
            ObjectNode function = tools.addObject().put("type", "function").putObject("function");
            function.put("name", tool.path("name").asText());
            if (tool.hasNonNull("description")) {
                function.put("description", tool.path("description").asText());
            }
            function.set("parameters", tool.path("input_schema"));
        }
        JsonNode choice = request.get("tool_choice");
        if (choice != null && !choice.isNull()) {
            switch (choice.path("type").asText()) {
                case "any" -> openAi.put("tool_choice", "required");
                case "none" -> openAi.put("tool_choice", "none");
                case "tool" -> openAi.putObject("tool_choice").put("type", "function").putObject("function")
                        .put("name", choice.path("name").asText());
                default -> openAi.put("tool_choice", "auto");
            }
        }
    }
}
