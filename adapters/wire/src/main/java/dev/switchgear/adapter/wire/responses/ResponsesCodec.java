package dev.switchgear.adapter.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.openai.ChatContent;

/**
 * OpenAI's Responses API format ({@code POST /v1/responses}) and the gateway's OpenAI chat format,
 * in one place (ADR 0021): a Responses request — its input items, with any earlier response's
 * conversation before them — as a chat request; a chat completion as a response object; chat
 * chunks as the Responses stream events. Untranslatable input fails with
 * {@link dev.switchgear.adapter.wire.WireFormatException}, naming the field.
 */
public final class ResponsesCodec {

    /** Every response id starts with this. */
    public static final String ID_PREFIX = "resp_";

    private final ObjectMapper json;
    private final FromResponsesRequest fromRequest;
    private final ResponseObjects objects;

    public ResponsesCodec(ObjectMapper json) {
        this.json = json;
        this.fromRequest = new FromResponsesRequest(json);
        this.objects = new ResponseObjects(json);
    }

    /**
     * Checks a Responses request and returns its input as items (a string input is one user
     * message): what a stored response keeps as the turn's input.
     */
    public ArrayNode inputItems(JsonNode request) {
        return fromRequest.inputItems(request);
    }

    /**
     * The chat request for a Responses request, given its whole conversation: an earlier response's
     * {@link #conversation} (or nothing), then this request's {@link #inputItems}.
     */
    public ObjectNode toChatRequest(JsonNode request, ArrayNode conversation) {
        return fromRequest.convert(request, conversation);
    }

    /** A stored response's whole conversation: its input items, then its output items. */
    public ArrayNode conversation(JsonNode input, JsonNode response) {
        ArrayNode conversation = json.createArrayNode();
        input.forEach(conversation::add);
        response.path("output").forEach(conversation::add);
        return conversation;
    }

    /** The response object for a chat completion: text as an output message, tool calls as function_call items. */
    public ObjectNode toResponse(JsonNode completion, ResponseFrame frame) {
        ObjectNode response = objects.shell(frame, "completed", completion.path("model").asText(null));
        ArrayNode output = (ArrayNode) response.get("output");
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        String text = ChatContent.text(message.path("content"));
        if (!text.isEmpty() || !message.path("tool_calls").isArray() || message.path("tool_calls").isEmpty()) {
            output.add(objects.message(ResponseObjects.messageId(frame, output.size()), "completed", text));
        }
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            output.add(objects.functionCall(ResponseObjects.functionCallId(frame, output.size()),
                    call.path("id").asText(), function.path("name").asText(), function.path("arguments").asText("{}"),
                    "completed"));
        }
        ResponseObjects.finish(response, choice.path("finish_reason").asText(null));
        response.set("usage", objects.usage(completion.get("usage")));
        return response;
    }

    /** An encoder of one stream of chat chunks into the Responses stream events. */
    public ResponsesEventEncoder eventEncoder(ResponseFrame frame) {
        return new ResponsesEventEncoder(json, frame);
    }

    /** OpenAI's answer to deleting a response. */
    public ObjectNode deleted(String id) {
        return json.createObjectNode().put("id", id).put("object", "response").put("deleted", true);
    }
}
