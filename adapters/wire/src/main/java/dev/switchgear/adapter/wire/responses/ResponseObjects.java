package dev.switchgear.adapter.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * OpenAI's response object and its output items, built from the gateway's chat answers: the frame
 * (id, settings echoed from the request), output messages ({@code output_text} parts) and
 * {@code function_call} items, status and usage in the Responses API's terms.
 */
final class ResponseObjects {

    private final ObjectMapper json;

    ResponseObjects(ObjectMapper json) {
        this.json = json;
    }

    /** The response object with no output yet, in {@code status}; {@code model} as answered (or as asked). */
    ObjectNode shell(ResponseFrame frame, String status, String model) {
        JsonNode request = frame.request();
        ObjectNode response = json.createObjectNode();
        response.put("id", frame.id());
        response.put("object", "response");
        response.put("created_at", frame.createdAt());
        response.put("status", status);
        response.put("background", false);
        response.putNull("error");
        response.putNull("incomplete_details");
        putOrNull(response, "instructions", request.get("instructions"));
        putOrNull(response, "max_output_tokens", request.get("max_output_tokens"));
        response.putNull("max_tool_calls");
        response.put("model", model == null || model.isBlank() ? request.path("model").asText() : model);
        response.putArray("output");
        response.put("parallel_tool_calls", request.path("parallel_tool_calls").asBoolean(true));
        putOrNull(response, "previous_response_id", request.get("previous_response_id"));
        ObjectNode reasoning = response.putObject("reasoning");
        reasoning.putNull("effort");
        reasoning.putNull("summary");
        response.put("service_tier", "default");
        response.put("store", frame.store());
        response.set("temperature", number(request.get("temperature")));
        ObjectNode text = response.putObject("text");
        JsonNode format = request.path("text").path("format");
        if (format.isObject()) {
            text.set("format", format.deepCopy());
        } else {
            text.putObject("format").put("type", "text");
        }
        JsonNode choice = request.get("tool_choice");
        if (choice == null || choice.isNull()) {
            response.put("tool_choice", "auto");
        } else {
            response.set("tool_choice", choice.deepCopy());
        }
        ArrayNode tools = response.putArray("tools");
        for (JsonNode tool : request.path("tools")) {
            ObjectNode echoed = tools.addObject();
            echoed.put("type", "function");
            echoed.put("name", tool.path("name").asText());
            if (tool.path("description").isTextual()) {
                echoed.put("description", tool.path("description").asText());
            }
            putOrNull(echoed, "parameters", tool.get("parameters"));
            putOrNull(echoed, "strict", tool.get("strict"));
        }
        response.set("top_p", number(request.get("top_p")));
        response.put("truncation", "disabled");
        response.putNull("usage");
        putOrNull(response, "user", request.get("user"));
        JsonNode metadata = request.get("metadata");
        response.set("metadata", metadata != null && metadata.isObject() ? metadata.deepCopy() : json.createObjectNode());
        return response;
    }

    /** An output message item holding {@code text} in one {@code output_text} part. */
    ObjectNode message(String id, String status, String text) {
        ObjectNode item = messageItem(id, status);
        if (text != null) {
            item.withArray("content").add(textPart(text));
        }
        return item;
    }

    ObjectNode messageItem(String id, String status) {
        ObjectNode item = json.createObjectNode();
        item.put("id", id);
        item.put("type", "message");
        item.put("status", status);
        item.put("role", "assistant");
        item.putArray("content");
        return item;
    }

    ObjectNode textPart(String text) {
        ObjectNode part = json.createObjectNode();
        part.put("type", "output_text");
        part.put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    /** A {@code function_call} output item. */
    ObjectNode functionCall(String id, String callId, String name, String arguments, String status) {
        ObjectNode item = json.createObjectNode();
        item.put("id", id);
        item.put("type", "function_call");
        item.put("status", status);
        item.put("arguments", arguments);
        item.put("call_id", callId);
        item.put("name", name);
        return item;
    }

    /** The Responses API's usage for a chat {@code usage} object (null when there is none). */
    JsonNode usage(JsonNode chatUsage) {
        if (chatUsage == null || !chatUsage.isObject()) {
            return json.nullNode();
        }
        long input = chatUsage.path("prompt_tokens").asLong(0);
        long output = chatUsage.path("completion_tokens").asLong(0);
        ObjectNode usage = json.createObjectNode();
        usage.put("input_tokens", input);
        usage.putObject("input_tokens_details")
                .put("cached_tokens", chatUsage.path("prompt_tokens_details").path("cached_tokens").asLong(0));
        usage.put("output_tokens", output);
        usage.putObject("output_tokens_details")
                .put("reasoning_tokens", chatUsage.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
        usage.put("total_tokens", chatUsage.path("total_tokens").asLong(input + output));
        return usage;
    }

    /** Sets the final status from the chat answer's finish reason: a cut answer is {@code incomplete}. */
    static void finish(ObjectNode response, String finishReason) {
        if ("length".equals(finishReason) || "content_filter".equals(finishReason)) {
            response.put("status", "incomplete");
            response.putObject("incomplete_details")
                    .put("reason", "length".equals(finishReason) ? "max_output_tokens" : "content_filter");
        } else {
            response.put("status", "completed");
        }
    }

    static String messageId(ResponseFrame frame, int index) {
        return "msg_" + frame.suffix() + "_" + index;
    }

    static String functionCallId(ResponseFrame frame, int index) {
        return "fc_" + frame.suffix() + "_" + index;
    }

    private JsonNode number(JsonNode value) {
        if (value != null && value.isNumber()) {
            return value;
        }
        return json.getNodeFactory().numberNode(BigDecimal.ONE);
    }

    private static void putOrNull(ObjectNode into, String field, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            into.putNull(field);
        } else {
            into.set(field, value.deepCopy());
        }
    }
}
