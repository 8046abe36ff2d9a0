package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Anthropic's Messages format on the way in: a request becomes the gateway's internal OpenAI chat
 * request (ADR 0008), and the OpenAI answer becomes an Anthropic message again.
 */
final class AnthropicFormat {

    private final ObjectMapper json;

    AnthropicFormat(ObjectMapper json) {
        this.json = json;
    }

    /** The OpenAI chat request for an Anthropic Messages request. */
    ObjectNode toOpenAi(JsonNode request) {
        ObjectNode openAi = json.createObjectNode();
        openAi.put("model", request.path("model").asText());
        openAi.put("max_tokens", request.path("max_tokens").asInt());
        ArrayNode messages = openAi.putArray("messages");
        JsonNode system = request.get("system");
        if (system != null && !system.isNull()) {
            messages.addObject().put("role", "system").put("content", text(system));
        }
        for (JsonNode message : request.path("messages")) {
            String role = message.path("role").asText();
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                messages.addObject().put("role", role).put("content", content.asText());
                continue;
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
                            .put("content", text(block.path("content")));
                    default -> throw new BadRequestException("content blocks of type `" + block.path("type").asText()
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
        copy(request, "temperature", openAi, "temperature");
        copy(request, "top_p", openAi, "top_p");
        copy(request, "stop_sequences", openAi, "stop");
        if (request.path("metadata").hasNonNull("user_id")) {
            openAi.put("user", request.path("metadata").path("user_id").asText());
        }
        if (request.path("tools").isArray() && !request.path("tools").isEmpty()) {
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
        if (request.path("stream").asBoolean(false)) {
            openAi.put("stream", true);
            openAi.putObject("stream_options").put("include_usage", true);
        }
        return openAi;
    }

    /** The Anthropic message for an OpenAI chat completion. */
    ObjectNode toAnthropic(JsonNode completion, String model) {
        ObjectNode message = json.createObjectNode();
        message.put("id", "msg_" + completion.path("id").asText());
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        ArrayNode content = message.putArray("content");
        JsonNode reply = completion.at("/choices/0/message");
        String text = reply.path("content").asText("");
        if (!text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
        }
        for (JsonNode call : reply.path("tool_calls")) {
            ObjectNode use = content.addObject();
            use.put("type", "tool_use");
            use.put("id", call.path("id").asText());
            use.put("name", call.path("function").path("name").asText());
            use.set("input", arguments(call.path("function").path("arguments").asText("{}")));
        }
        message.put("stop_reason", stopReason(completion.at("/choices/0/finish_reason").asText(null)));
        message.putNull("stop_sequence");
        ObjectNode usage = message.putObject("usage");
        usage.put("input_tokens", completion.at("/usage/prompt_tokens").asLong(0));
        usage.put("output_tokens", completion.at("/usage/completion_tokens").asLong(0));
        return message;
    }

    static String stopReason(String finishReason) {
        if (finishReason == null) {
            return null;
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    JsonNode arguments(String arguments) {
        try {
            JsonNode parsed = json.readTree(arguments.isBlank() ? "{}" : arguments);
            return parsed.isObject() ? parsed : json.createObjectNode();
        } catch (java.io.IOException e) {
            return json.createObjectNode();
        }
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            text.append(block.path("text").asText(""));
        }
        return text.toString();
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String as) {
        if (from.hasNonNull(field)) {
            to.set(as, from.get(field));
        }
    }
}
