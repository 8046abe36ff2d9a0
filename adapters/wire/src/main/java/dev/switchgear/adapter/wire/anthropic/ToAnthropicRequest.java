package dev.switchgear.adapter.wire.anthropic;

import static dev.switchgear.adapter.wire.openai.ChatContent.copy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.WireFormatException;
import dev.switchgear.adapter.wire.openai.ChatContent;

/**
 * An OpenAI chat request as an Anthropic Messages request: system messages, content parts and
 * images, tool definitions, tool calls and tool results, tool choice, stop sequences, output cap.
 */
final class ToAnthropicRequest {

    private final ObjectMapper json;

    ToAnthropicRequest(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode convert(JsonNode openAi, String model, int maxTokens, boolean stream) {
        if (openAi.path("n").asInt(1) > 1) {
            throw new WireFormatException("`n` greater than 1 is not supported by this provider");
        }
        ObjectNode request = json.createObjectNode();
        request.put("model", model);
        request.put("max_tokens", maxTokens);
        StringBuilder system = new StringBuilder();
        ArrayNode messages = request.putArray("messages");
        for (JsonNode message : openAi.path("messages")) {
            String role = message.path("role").asText();
            switch (role) {
                case "system", "developer" -> {
                    if (!system.isEmpty()) {
                        system.append("\n\n");
                    }
                    system.append(ChatContent.text(message.path("content")));
                }
                case "user" -> append(messages, "user", userBlocks(message.path("content")));
                case "assistant" -> append(messages, "assistant", assistantBlocks(message));
                case "tool" -> {
                    ArrayNode blocks = json.createArrayNode();
                    ObjectNode result = blocks.addObject();
                    result.put("type", "tool_result");
                    result.put("tool_use_id", message.path("tool_call_id").asText());
                    result.put("content", ChatContent.text(message.path("content")));
                    append(messages, "user", blocks);
                }
                default -> throw new WireFormatException("messages with role `" + role + "` are not supported");
            }
        }
        if (!system.isEmpty()) {
            request.put("system", system.toString());
        }
        copy(openAi, "temperature", request, "temperature");
        copy(openAi, "top_p", request, "top_p");
        ChatContent.putStopSequences(openAi.get("stop"), request, "stop_sequences");
        if (openAi.hasNonNull("user")) {
            request.putObject("metadata").put("user_id", openAi.get("user").asText());
        }
        if (openAi.path("tools").isArray() && !openAi.path("tools").isEmpty()) {
            tools(openAi, request);
        }
        if (stream) {
            request.put("stream", true);
        }
        return request;
    }

    private void tools(JsonNode openAi, ObjectNode request) {
        ArrayNode tools = request.putArray("tools");
        for (JsonNode tool : openAi.path("tools")) {
            JsonNode function = tool.path("function");
            ObjectNode converted = tools.addObject();
            converted.put("name", function.path("name").asText());
            if (function.hasNonNull("description")) {
                converted.put("description", function.get("description").asText());
            }
            converted.set("input_schema", function.hasNonNull("parameters") ? function.get("parameters")
                    : json.createObjectNode().put("type", "object"));
        }
        JsonNode choice = openAi.get("tool_choice");
        if (choice != null && !choice.isNull()) {
            ObjectNode converted = request.putObject("tool_choice");
            if (choice.isTextual()) {
                converted.put("type", switch (choice.asText()) {
                    case "required" -> "any";
                    case "none" -> "none";
                    default -> "auto";
                });
            } else {
                converted.put("type", "tool");
                converted.put("name", choice.path("function").path("name").asText());
            }
        }
    }

    private ArrayNode userBlocks(JsonNode content) {
        ArrayNode blocks = json.createArrayNode();
        if (content.isTextual()) {
            blocks.addObject().put("type", "text").put("text", content.asText());
            return blocks;
        }
        for (JsonNode part : content) {
            switch (part.path("type").asText()) {
                case "text" -> blocks.addObject().put("type", "text").put("text", part.path("text").asText());
                case "image_url" -> blocks.add(image(part.path("image_url").path("url").asText()));
                default -> throw new WireFormatException("content parts of type `" + part.path("type").asText()
                        + "` are not supported by this provider");
            }
        }
        return blocks;
    }

    private ObjectNode image(String url) {
        ObjectNode block = json.createObjectNode();
        block.put("type", "image");
        ObjectNode source = block.putObject("source");
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            int semicolon = url.indexOf(';');
            if (comma < 0 || semicolon < 0 || semicolon > comma) {
                throw new WireFormatException("an image data URL must be base64-encoded");
            }
            source.put("type", "base64");
            source.put("media_type", url.substring(5, semicolon));
            source.put("data", url.substring(comma + 1));
        } else {
            source.put("type", "url");
            source.put("url", url);
        }
        return block;
    }

    private ArrayNode assistantBlocks(JsonNode message) {
        ArrayNode blocks = json.createArrayNode();
        String text = ChatContent.text(message.path("content"));
        if (!text.isEmpty()) {
            blocks.addObject().put("type", "text").put("text", text);
        }
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode use = blocks.addObject();
            use.put("type", "tool_use");
            use.put("id", call.path("id").asText());
            use.put("name", call.path("function").path("name").asText());
            use.set("input", ChatContent.argumentsOrReject(json, call.path("function").path("arguments").asText("{}")));
        }
        return blocks;
    }

    /** Anthropic wants alternating turns: consecutive messages of one role are merged. */
    private static void append(ArrayNode messages, String role, ArrayNode blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("content")).addAll(blocks);
            return;
        }
        ObjectNode message = messages.addObject();
        message.put("role", role);
        message.set("content", blocks);
    }
}
