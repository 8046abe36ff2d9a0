package dev.switchgear.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.domain.shared.TokenUsage;
import java.io.IOException;
import java.util.Optional;

/**
 * Translates between OpenAI's chat format and Anthropic's Messages API: requests one way
 * (system messages, content parts and images, tool definitions, tool calls and tool results,
 * tool choice, stop sequences, output cap), answers the other (text and tool_use blocks, stop
 * reasons, usage).
 */
final class AnthropicTranslation {

    private final ObjectMapper json;

    AnthropicTranslation(ObjectMapper json) {
        this.json = json;
    }

    /** An Anthropic Messages request for an OpenAI chat request. */
    ObjectNode request(JsonNode openAi, String model, int maxTokens, boolean stream) {
        if (openAi.path("n").asInt(1) > 1) {
            throw rejected("`n` greater than 1 is not supported by this provider");
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
                    system.append(TokenEstimate.text(message.path("content")));
                }
                case "user" -> append(messages, "user", userBlocks(message.path("content")));
                case "assistant" -> append(messages, "assistant", assistantBlocks(message));
                case "tool" -> {
                    ArrayNode blocks = json.createArrayNode();
                    ObjectNode result = blocks.addObject();
                    result.put("type", "tool_result");
                    result.put("tool_use_id", message.path("tool_call_id").asText());
                    result.put("content", TokenEstimate.text(message.path("content")));
                    append(messages, "user", blocks);
                }
                default -> throw rejected("messages with role `" + role + "` are not supported");
            }
        }
        if (!system.isEmpty()) {
            request.put("system", system.toString());
        }
        copy(openAi, "temperature", request, "temperature");
        copy(openAi, "top_p", request, "top_p");
        JsonNode stop = openAi.get("stop");
        if (stop != null && !stop.isNull()) {
            ArrayNode sequences = request.putArray("stop_sequences");
            if (stop.isArray()) {
                stop.forEach(sequences::add);
            } else {
                sequences.add(stop.asText());
            }
        }
        if (openAi.hasNonNull("user")) {
            request.putObject("metadata").put("user_id", openAi.get("user").asText());
        }
        if (openAi.path("tools").isArray() && !openAi.path("tools").isEmpty()) {
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
        if (stream) {
            request.put("stream", true);
        }
        return request;
    }

    /** An OpenAI chat completion for an Anthropic message. */
    ObjectNode response(JsonNode message, long created) {
        ObjectNode completion = json.createObjectNode();
        completion.put("id", "chatcmpl-" + message.path("id").asText());
        completion.put("object", "chat.completion");
        completion.put("created", created);
        completion.put("model", message.path("model").asText());
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode reply = choice.putObject("message");
        reply.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        ArrayNode toolCalls = json.createArrayNode();
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "tool_use" -> {
                    ObjectNode call = toolCalls.addObject();
                    call.put("id", block.path("id").asText());
                    call.put("type", "function");
                    ObjectNode function = call.putObject("function");
                    function.put("name", block.path("name").asText());
                    function.put("arguments", block.path("input").toString());
                }
                default -> {
                }
            }
        }
        if (text.isEmpty() && !toolCalls.isEmpty()) {
            reply.putNull("content");
        } else {
            reply.put("content", text.toString());
        }
        if (!toolCalls.isEmpty()) {
            reply.set("tool_calls", toolCalls);
        }
        choice.put("finish_reason", finishReason(message.path("stop_reason").asText(null)));
        TokenUsage usage = usage(message.path("usage"));
        ObjectNode usageNode = completion.putObject("usage");
        usageNode.put("prompt_tokens", usage.inputTokens());
        usageNode.put("completion_tokens", usage.outputTokens());
        usageNode.put("total_tokens", usage.totalTokens());
        return completion;
    }

    /** Anthropic's usage as prompt and completion tokens; cache reads and writes count as prompt. */
    static TokenUsage usage(JsonNode usage) {
        long input = usage.path("input_tokens").asLong(0) + usage.path("cache_creation_input_tokens").asLong(0)
                + usage.path("cache_read_input_tokens").asLong(0);
        return new TokenUsage(input, usage.path("output_tokens").asLong(0));
    }

    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
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
                default -> throw rejected("content parts of type `" + part.path("type").asText()
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
                throw rejected("an image data URL must be base64-encoded");
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
        String text = TokenEstimate.text(message.path("content"));
        if (!text.isEmpty()) {
            blocks.addObject().put("type", "text").put("text", text);
        }
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode use = blocks.addObject();
            use.put("type", "tool_use");
            use.put("id", call.path("id").asText());
            use.put("name", call.path("function").path("name").asText());
            use.set("input", arguments(call.path("function").path("arguments").asText("{}")));
        }
        return blocks;
    }

    private JsonNode arguments(String arguments) {
        try {
            JsonNode parsed = json.readTree(arguments.isBlank() ? "{}" : arguments);
            return parsed.isObject() ? parsed : json.createObjectNode();
        } catch (IOException e) {
            throw rejected("tool call arguments must be a JSON object");
        }
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

    private static void copy(JsonNode from, String field, ObjectNode to, String as) {
        if (from.hasNonNull(field)) {
            to.set(as, from.get(field));
        }
    }

    private static UpstreamException rejected(String message) {
        return new UpstreamException(UpstreamException.Kind.REJECTED, 400, message, Optional.empty());
    }
}
