package dev.switchgear.adapter.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.openai.ChatContent;
import java.util.Optional;
import java.util.function.Function;

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
        return fromRequest.inputItems(request, id -> Optional.empty());
    }

    /**
     * The same, with {@code item_reference} items replaced by the items they name, as
     * {@code references} finds them (an item no stored response holds is refused).
     */
    public ArrayNode inputItems(JsonNode request, Function<String, Optional<JsonNode>> references) {
        return fromRequest.inputItems(request, references);
    }

    /**
     * The id of the response an output item id ({@code msg_<suffix>_<n>}, {@code fc_<suffix>_<n>})
     * belongs to, if it is shaped like one of this gateway's.
     */
    public static Optional<String> responseOfItem(String itemId) {
        if (itemId == null) {
            return Optional.empty();
        }
        int first = itemId.indexOf('_');
        int last = itemId.lastIndexOf('_');
        if (first < 0 || last <= first + 1) {
            return Optional.empty();
        }
        return Optional.of(ID_PREFIX + itemId.substring(first + 1, last));
    }

    /** The item with {@code id} in a stored response's output or its conversation's input, if any. */
    public static Optional<JsonNode> findItem(String id, JsonNode input, JsonNode response) {
        for (JsonNode item : response.path("output")) {
            if (id.equals(item.path("id").asText(null))) {
                return Optional.of(item);
            }
        }
        for (JsonNode item : input) {
            if (id.equals(item.path("id").asText(null))) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
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

    /**
     * OpenAI's page of a stored response's input items ({@code GET /v1/responses/{id}/input_items}):
     * the conversation up to that response, each item with an id (items sent without one get
     * {@code msg_}/{@code fc_}/{@code fco_} + the response's suffix + {@code _in<n>}) and messages with a
     * status; in {@code order} ({@code asc} or {@code desc}), after the item {@code after} (if any),
     * at most {@code limit}.
     */
    public ObjectNode inputItemsPage(String responseId, JsonNode input, boolean ascending, int limit,
                                     Optional<String> after) {
        String suffix = responseId.substring(ID_PREFIX.length());
        java.util.List<ObjectNode> items = new java.util.ArrayList<>();
        int index = 0;
        for (JsonNode original : input) {
            ObjectNode item = original.deepCopy();
            String type = item.path("type").asText("message");
            if (!item.path("id").isTextual()) {
                String prefix = switch (type) {
                    case "function_call" -> "fc_";
                    case "function_call_output" -> "fco_";
                    default -> "msg_";
                };
                item.put("id", prefix + suffix + "_in" + index);
            }
            if (!item.has("status")) {
                item.put("status", "completed");
            }
            items.add(item);
            index++;
        }
        if (!ascending) {
            java.util.Collections.reverse(items);
        }
        int start = 0;
        if (after.isPresent()) {
            start = items.size();
            for (int i = 0; i < items.size(); i++) {
                if (after.get().equals(items.get(i).path("id").asText())) {
                    start = i + 1;
                    break;
                }
            }
        }
        int end = Math.min(items.size(), start + limit);
        ObjectNode page = json.createObjectNode();
        page.put("object", "list");
        ArrayNode data = page.putArray("data");
        items.subList(start, end).forEach(data::add);
        if (data.isEmpty()) {
            page.putNull("first_id");
            page.putNull("last_id");
        } else {
            page.put("first_id", data.get(0).path("id").asText());
            page.put("last_id", data.get(data.size() - 1).path("id").asText());
        }
        page.put("has_more", end < items.size());
        return page;
    }

    /** OpenAI's answer to deleting a response. */
    public ObjectNode deleted(String id) {
        return json.createObjectNode().put("id", id).put("object", "response").put("deleted", true);
    }
}
