package dev.switchgear.adapter.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.WireFormatException;
import dev.switchgear.adapter.wire.openai.ChatContent;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A Responses API request ({@code POST /v1/responses}) as the gateway's OpenAI chat request (ADR
 * 0008, ADR 0021): {@code instructions} → a system message first; input items — messages with
 * their content parts, {@code function_call} items → an assistant message's {@code tool_calls},
 * {@code function_call_output} items → {@code tool} messages; function tools and
 * {@code tool_choice}; {@code text.format} → {@code response_format}; {@code max_output_tokens} →
 * {@code max_tokens}; sampling and {@code user} copied; a stream always asks for the usage chunk.
 * Every field it reads is checked for its type: what it cannot translate fails with a
 * {@link WireFormatException} naming the field, before anything is sent.
 */
final class FromResponsesRequest {

    /** The largest output cap one request may state. */
    static final long MAX_OUTPUT_TOKENS = 1_000_000;
    private static final Set<String> ROLES = Set.of("user", "assistant", "system", "developer");
    private static final int MAX_METADATA_PAIRS = 16;

    private final ObjectMapper json;

    FromResponsesRequest(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Checks a request's fields and returns its input as a list of items (a string input is one
     * user message), the form a stored conversation keeps.
     */
    ArrayNode inputItems(JsonNode request, Function<String, Optional<JsonNode>> references) {
        if (!request.path("model").isTextual() || request.path("model").asText().isBlank()) {
            throw new WireFormatException("Missing required parameter: 'model'.", "model");
        }
        JsonNode input = request.get("input");
        if (input == null || input.isNull()) {
            throw new WireFormatException("Missing required parameter: 'input'.", "input");
        }
        checkFields(request);
        ArrayNode items = json.createArrayNode();
        if (input.isTextual()) {
            items.add(userMessage(input.asText()));
            return items;
        }
        if (!input.isArray()) {
            throw new WireFormatException("Invalid type for 'input': expected a string or an array of input items.",
                    "input");
        }
        if (input.isEmpty()) {
            throw new WireFormatException("Invalid 'input': empty array. Expected at least one input item.", "input");
        }
        for (int i = 0; i < input.size(); i++) {
            String at = "input[" + i + "]";
            JsonNode item = input.get(i);
            if (item != null && item.isObject() && "item_reference".equals(item.path("type").asText())) {
                String id = textOf(item, "id", at);
                JsonNode referenced = id == null ? null : references.apply(id).orElse(null);
                if (referenced == null) {
                    throw new WireFormatException("Invalid '" + at + ".id': no stored item with this id.", "input");
                }
                item = referenced;
            }
            items.add(item(item, at));
        }
        return items;
    }

    /**
     * The chat request for a checked Responses request whose whole conversation — any earlier
     * response's input and output, then this request's input — is {@code conversation}.
     */
    ObjectNode convert(JsonNode request, ArrayNode conversation) {
        ObjectNode chat = json.createObjectNode();
        chat.put("model", request.path("model").asText());
        ArrayNode messages = chat.putArray("messages");
        JsonNode instructions = request.get("instructions");
        if (instructions != null && instructions.isTextual() && !instructions.asText().isEmpty()) {
            messages.addObject().put("role", "system").put("content", instructions.asText());
        }
        ObjectNode pendingCalls = null;
        for (JsonNode item : conversation) {
            switch (item.path("type").asText()) {
                case "function_call" -> {
                    if (pendingCalls == null) {
                        pendingCalls = assistantFor(messages);
                    }
                    ObjectNode call = pendingCalls.withArray("tool_calls").addObject();
                    call.put("id", item.path("call_id").asText());
                    call.put("type", "function");
                    call.putObject("function").put("name", item.path("name").asText())
                            .put("arguments", item.path("arguments").asText());
                }
                case "function_call_output" -> {
                    pendingCalls = null;
                    messages.addObject().put("role", "tool").put("tool_call_id", item.path("call_id").asText())
                            .put("content", outputText(item.path("output")));
                }
                default -> {
                    pendingCalls = null;
                    message(item, messages);
                }
            }
        }
        if (messages.isEmpty()) {
            throw new WireFormatException("Invalid 'input': it holds no message.", "input");
        }
        JsonNode cap = request.get("max_output_tokens");
        if (cap != null && !cap.isNull()) {
            chat.put("max_tokens", cap.longValue());
        }
        ChatContent.copy(request, "temperature", chat, "temperature");
        ChatContent.copy(request, "top_p", chat, "top_p");
        ChatContent.copy(request, "user", chat, "user");
        ChatContent.copy(request, "parallel_tool_calls", chat, "parallel_tool_calls");
        tools(request, chat);
        format(request.path("text").path("format"), chat);
        if (request.path("stream").asBoolean(false)) {
            chat.put("stream", true);
            chat.putObject("stream_options").put("include_usage", true);
        }
        return chat;
    }

    /** The assistant message the next tool calls join: the last message if it is the assistant's, else a new one. */
    private static ObjectNode assistantFor(ArrayNode messages) {
        if (!messages.isEmpty()) {
            JsonNode last = messages.get(messages.size() - 1);
            if ("assistant".equals(last.path("role").asText()) && last instanceof ObjectNode assistant) {
                return assistant;
            }
        }
        ObjectNode assistant = messages.addObject().put("role", "assistant");
        assistant.putNull("content");
        return assistant;
    }

    private void message(JsonNode item, ArrayNode messages) {
        String role = item.path("role").asText();
        JsonNode content = item.path("content");
        ObjectNode message = messages.addObject();
        message.put("role", "developer".equals(role) ? "system" : role);
        if (content.isTextual()) {
            message.put("content", content.asText());
            return;
        }
        if (!"user".equals(role)) {
            message.put("content", ChatContent.text(content));
            return;
        }
        ArrayNode parts = message.putArray("content");
        for (JsonNode part : content) {
            switch (part.path("type").asText()) {
                case "input_image" -> {
                    ObjectNode image = parts.addObject().put("type", "image_url").putObject("image_url");
                    image.put("url", part.path("image_url").asText());
                    if (part.path("detail").isTextual()) {
                        image.put("detail", part.path("detail").asText());
                    }
                }
                default -> parts.addObject().put("type", "text").put("text", part.path("text").asText(""));
            }
        }
    }

    /** One input item, checked and in its full form ({@code type} named, a string content kept as is). */
    private ObjectNode item(JsonNode item, String at) {
        if (item == null || !item.isObject()) {
            throw new WireFormatException("Invalid '" + at + "': expected an object.", "input");
        }
        String type = item.has("type") ? textOf(item, "type", at) : "message";
        ObjectNode copy = item.deepCopy();
        copy.put("type", type);
        switch (type) {
            case "message" -> checkMessage(copy, at);
            case "function_call" -> {
                requireText(copy, "call_id", at);
                requireText(copy, "name", at);
                JsonNode arguments = copy.get("arguments");
                if (arguments == null || !arguments.isTextual()) {
                    throw new WireFormatException("Invalid '" + at + ".arguments': expected a string of JSON.", "input");
                }
                try {
                    ChatContent.argumentsOrReject(json, arguments.asText());
                } catch (WireFormatException e) {
                    throw new WireFormatException("Invalid '" + at + ".arguments': " + e.getMessage() + ".", "input");
                }
            }
            case "function_call_output" -> {
                requireText(copy, "call_id", at);
                JsonNode output = copy.get("output");
                if (output == null || !(output.isTextual() || output.isArray())) {
                    throw new WireFormatException("Invalid '" + at + ".output': expected a string or an array.",
                            "input");
                }
            }
            default -> throw new WireFormatException("Invalid '" + at + ".type': input items of type '" + type
                    + "' are not supported; use 'message', 'function_call', 'function_call_output' or"
                    + " 'item_reference'.", "input");
        }
        return copy;
    }

    private static void checkMessage(ObjectNode item, String at) {
        String role = textOf(item, "role", at);
        if (role == null || !ROLES.contains(role)) {
            throw new WireFormatException("Invalid '" + at + ".role': expected one of 'user', 'assistant', 'system'"
                    + " or 'developer'.", "input");
        }
        JsonNode content = item.get("content");
        if (content == null || !(content.isTextual() || content.isArray())) {
            throw new WireFormatException("Invalid '" + at + ".content': expected a string or an array of content"
                    + " parts.", "input");
        }
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String partAt = at + ".content[" + i + "]";
            if (!part.isObject()) {
                throw new WireFormatException("Invalid '" + partAt + "': expected an object.", "input");
            }
            String type = textOf(part, "type", partAt);
            switch (type == null ? "" : type) {
                case "input_text", "output_text" -> requireString(part, "text", partAt);
                case "refusal" -> requireString(part, "refusal", partAt);
                case "input_image" -> {
                    if (!"user".equals(role)) {
                        throw new WireFormatException("Invalid '" + partAt + "': images are only for user messages.",
                                "input");
                    }
                    requireText(part, "image_url", partAt);
                }
                default -> throw new WireFormatException("Invalid '" + partAt + ".type': content parts of type '"
                        + type + "' are not supported; use 'input_text', 'input_image' or 'output_text'.", "input");
            }
        }
    }

    private static void checkFields(JsonNode request) {
        optional(request, "instructions", JsonNode::isTextual, "a string");
        optional(request, "previous_response_id", JsonNode::isTextual, "a string");
        optional(request, "user", JsonNode::isTextual, "a string");
        optional(request, "stream", JsonNode::isBoolean, "a boolean");
        optional(request, "store", JsonNode::isBoolean, "a boolean");
        optional(request, "parallel_tool_calls", JsonNode::isBoolean, "a boolean");
        optional(request, "background", v -> v.isBoolean() && !v.booleanValue(), "false (background responses are not"
                + " supported)");
        number(request, "temperature", 0, 2);
        number(request, "top_p", 0, 1);
        JsonNode cap = request.get("max_output_tokens");
        if (cap != null && !cap.isNull() && (!cap.isIntegralNumber() || !cap.canConvertToLong()
                || cap.longValue() < 1 || cap.longValue() > MAX_OUTPUT_TOKENS)) {
            throw new WireFormatException("Invalid 'max_output_tokens': expected a whole number from 1 to "
                    + MAX_OUTPUT_TOKENS + ".", "max_output_tokens");
        }
        metadata(request.get("metadata"));
        checkTools(request.get("tools"));
        checkToolChoice(request.get("tool_choice"));
        checkText(request.get("text"));
    }

    private static void metadata(JsonNode metadata) {
        if (metadata == null || metadata.isNull()) {
            return;
        }
        if (!metadata.isObject() || metadata.size() > MAX_METADATA_PAIRS) {
            throw new WireFormatException("Invalid 'metadata': expected an object of at most " + MAX_METADATA_PAIRS
                    + " string values.", "metadata");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> pair = it.next();
            if (pair.getKey().length() > 64 || !pair.getValue().isTextual() || pair.getValue().asText().length() > 512) {
                throw new WireFormatException("Invalid 'metadata': keys are strings of at most 64 characters, values"
                        + " strings of at most 512.", "metadata");
            }
        }
    }

    private static void checkTools(JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return;
        }
        if (!tools.isArray()) {
            throw new WireFormatException("Invalid 'tools': expected an array.", "tools");
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String at = "tools[" + i + "]";
            if (!tool.isObject()) {
                throw new WireFormatException("Invalid '" + at + "': expected an object.", "tools");
            }
            if (!"function".equals(tool.path("type").asText())) {
                throw new WireFormatException("Invalid '" + at + ".type': only 'function' tools are supported.",
                        "tools");
            }
            requireText(tool, "name", at);
            optional(tool, "description", JsonNode::isTextual, "a string");
            optional(tool, "parameters", JsonNode::isObject, "a JSON schema object");
            optional(tool, "strict", JsonNode::isBoolean, "a boolean");
        }
    }

    private static void checkToolChoice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return;
        }
        if (choice.isTextual() && Set.of("none", "auto", "required").contains(choice.asText())) {
            return;
        }
        if (choice.isObject() && "function".equals(choice.path("type").asText()) && choice.path("name").isTextual()) {
            return;
        }
        throw new WireFormatException("Invalid 'tool_choice': expected 'none', 'auto', 'required' or"
                + " {\"type\":\"function\",\"name\":...}.", "tool_choice");
    }

    private static void checkText(JsonNode text) {
        if (text == null || text.isNull()) {
            return;
        }
        if (!text.isObject()) {
            throw new WireFormatException("Invalid 'text': expected an object.", "text");
        }
        JsonNode format = text.get("format");
        if (format == null || format.isNull()) {
            return;
        }
        String type = format.path("type").asText("");
        switch (type) {
            case "text", "json_object" -> {
            }
            case "json_schema" -> {
                if (!format.path("name").isTextual() || !format.path("schema").isObject()) {
                    throw new WireFormatException("Invalid 'text.format': a json_schema format needs a 'name' and a"
                            + " 'schema' object.", "text.format");
                }
                optional(format, "strict", JsonNode::isBoolean, "a boolean");
            }
            default -> throw new WireFormatException("Invalid 'text.format.type': expected 'text', 'json_object' or"
                    + " 'json_schema'.", "text.format.type");
        }
    }

    private static void tools(JsonNode request, ObjectNode chat) {
        JsonNode tools = request.get("tools");
        if (tools != null && tools.isArray() && !tools.isEmpty()) {
            ArrayNode converted = chat.putArray("tools");
            for (JsonNode tool : tools) {
                ObjectNode function = converted.addObject().put("type", "function").putObject("function");
                function.put("name", tool.path("name").asText());
                ChatContent.copy(tool, "description", function, "description");
                ChatContent.copy(tool, "parameters", function, "parameters");
                ChatContent.copy(tool, "strict", function, "strict");
            }
        }
        JsonNode choice = request.get("tool_choice");
        if (choice != null && !choice.isNull()) {
            if (choice.isTextual()) {
                chat.put("tool_choice", choice.asText());
            } else {
                chat.putObject("tool_choice").put("type", "function").putObject("function")
                        .put("name", choice.path("name").asText());
            }
        }
    }

    private static void format(JsonNode format, ObjectNode chat) {
        switch (format.path("type").asText("")) {
            case "json_object" -> chat.putObject("response_format").put("type", "json_object");
            case "json_schema" -> {
                ObjectNode schema = chat.putObject("response_format").put("type", "json_schema")
                        .putObject("json_schema");
                schema.put("name", format.path("name").asText());
                ChatContent.copy(format, "description", schema, "description");
                schema.set("schema", format.get("schema"));
                ChatContent.copy(format, "strict", schema, "strict");
            }
            default -> {
                // text, or none: the chat default
            }
        }
    }

    private ObjectNode userMessage(String text) {
        ObjectNode message = json.createObjectNode().put("type", "message").put("role", "user");
        message.putArray("content").addObject().put("type", "input_text").put("text", text);
        return message;
    }

    private static String outputText(JsonNode output) {
        return output.isTextual() ? output.asText() : ChatContent.text(output);
    }

    private static String textOf(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new WireFormatException("Invalid '" + at + "." + field + "': expected a string.", "input");
        }
        return value.asText();
    }

    private static void requireText(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new WireFormatException("Missing required parameter: '" + at + "." + field + "'.",
                    at.startsWith("tools") ? "tools" : "input");
        }
    }

    private static void requireString(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new WireFormatException("Missing required parameter: '" + at + "." + field + "'.", "input");
        }
    }

    private static void optional(JsonNode node, String field, java.util.function.Predicate<JsonNode> valid,
                                 String expected) {
        JsonNode value = node.get(field);
        if (value != null && !value.isNull() && !valid.test(value)) {
            throw new WireFormatException("Invalid type for '" + field + "': expected " + expected + ".", field);
        }
    }

    private static void number(JsonNode node, String field, double min, double max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isNumber() || value.decimalValue().compareTo(java.math.BigDecimal.valueOf(min)) < 0
                || value.decimalValue().compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
            throw new WireFormatException("Invalid '" + field + "': expected a number from " + min + " to " + max + ".",
                    field);
        }
    }
}
