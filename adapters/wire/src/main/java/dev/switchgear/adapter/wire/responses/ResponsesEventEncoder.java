package dev.switchgear.adapter.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's OpenAI chat chunks as the Responses API's stream events, for one response:
 * {@code response.created} and {@code response.in_progress} before anything else; per output
 * message {@code response.output_item.added}, {@code response.content_part.added}, its
 * {@code response.output_text.delta}s, then {@code response.output_text.done},
 * {@code response.content_part.done} and {@code response.output_item.done}; per tool call a
 * {@code function_call} item with its {@code response.function_call_arguments.delta}s and
 * {@code .done}; at {@link #done()} {@code response.completed} (or {@code response.incomplete} when
 * the output was cut) with the usage. Every event carries its {@code sequence_number}, from 0.
 * Stateful: one encoder per stream; {@link #response()} is the response as it stands.
 */
public final class ResponsesEventEncoder {

    /** One server-sent event: its {@code event:} name and its data (whose {@code type} is the same name). */
    public record Event(String name, ObjectNode data) {
    }

    private final ObjectMapper json;
    private final ResponseObjects objects;
    private final ResponseFrame frame;
    private final Map<Integer, Call> calls = new HashMap<>();
    private ObjectNode response;
    private long sequence;
    private OpenMessage message;
    private Call openCall;
    private String finishReason;
    private JsonNode usage;

    /** The output message being streamed: its item, its place in the output and its text so far. */
    private record OpenMessage(ObjectNode item, int outputIndex, StringBuilder text) {
    }

    /** A tool call being streamed. */
    private static final class Call {
        final ObjectNode item;
        final int outputIndex;
        final StringBuilder arguments = new StringBuilder();
        boolean closed;

        Call(ObjectNode item, int outputIndex) {
            this.item = item;
            this.outputIndex = outputIndex;
        }
    }

    ResponsesEventEncoder(ObjectMapper json, ResponseFrame frame) {
        this.json = json;
        this.objects = new ResponseObjects(json);
        this.frame = frame;
    }

    /** The events for one chat chunk ({@code response.created} and {@code .in_progress} first, for the first). */
    public List<Event> chunk(JsonNode chunk) {
        List<Event> events = new ArrayList<>();
        start(chunk.path("model").asText(null), events);
        JsonNode chunkUsage = chunk.get("usage");
        if (chunkUsage != null && chunkUsage.isObject()) {
            usage = chunkUsage;
        }
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) {
                continue;
            }
            JsonNode delta = choice.path("delta");
            String text = delta.path("content").isTextual() ? delta.path("content").asText() : "";
            if (!text.isEmpty()) {
                text(text, events);
            }
            for (JsonNode call : delta.path("tool_calls")) {
                toolCall(call, events);
            }
            if (choice.hasNonNull("finish_reason")) {
                finishReason = choice.get("finish_reason").asText();
            }
        }
        return events;
    }

    /** The events that close the response: the open item, then {@code response.completed} (or {@code .incomplete}). */
    public List<Event> done() {
        List<Event> events = new ArrayList<>();
        start(null, events);
        closeOpen(events);
        ResponseObjects.finish(response, finishReason);
        response.set("usage", objects.usage(usage));
        String name = "incomplete".equals(response.path("status").asText()) ? "response.incomplete"
                : "response.completed";
        ObjectNode event = event(name);
        event.set("response", response.deepCopy());
        events.add(new Event(name, event));
        return events;
    }

    /** An {@code error} event and {@code response.failed}, ending the stream. */
    public List<Event> error(String message, String code) {
        List<Event> events = new ArrayList<>();
        start(null, events);
        ObjectNode error = event("error");
        error.put("code", code);
        error.put("message", message);
        error.putNull("param");
        events.add(new Event("error", error));
        response.put("status", "failed");
        response.putObject("error").put("code", "server_error").put("message", message);
        response.set("usage", objects.usage(usage));
        ObjectNode failed = event("response.failed");
        failed.set("response", response.deepCopy());
        events.add(new Event("response.failed", failed));
        return events;
    }

    /** The response as it stands: complete after {@link #done()}. */
    public ObjectNode response() {
        if (response == null) {
            start(null, new ArrayList<>());
        }
        return response;
    }

    private void start(String model, List<Event> events) {
        if (response != null) {
            return;
        }
        response = objects.shell(frame, "in_progress", model);
        for (String name : new String[] {"response.created", "response.in_progress"}) {
            ObjectNode event = event(name);
            event.set("response", response.deepCopy());
            events.add(new Event(name, event));
        }
    }

    private void text(String text, List<Event> events) {
        if (message == null) {
            closeOpen(events);
            int index = output().size();
            ObjectNode item = objects.messageItem(ResponseObjects.messageId(frame, index), "in_progress");
            output().add(item);
            message = new OpenMessage(item, index, new StringBuilder());
            ObjectNode added = event("response.output_item.added");
            added.put("output_index", index);
            added.set("item", item.deepCopy());
            events.add(new Event("response.output_item.added", added));
            ObjectNode part = event("response.content_part.added");
            part.put("item_id", item.path("id").asText());
            part.put("output_index", index);
            part.put("content_index", 0);
            part.set("part", objects.textPart(""));
            events.add(new Event("response.content_part.added", part));
        }
        message.text().append(text);
        ObjectNode delta = event("response.output_text.delta");
        delta.put("item_id", message.item().path("id").asText());
        delta.put("output_index", message.outputIndex());
        delta.put("content_index", 0);
        delta.put("delta", text);
        delta.putArray("logprobs");
        events.add(new Event("response.output_text.delta", delta));
    }

    private void toolCall(JsonNode call, List<Event> events) {
        int index = call.path("index").asInt(calls.size());
        Call known = calls.get(index);
        if (known == null) {
            closeOpen(events);
            int outputIndex = output().size();
            ObjectNode item = objects.functionCall(ResponseObjects.functionCallId(frame, outputIndex),
                    call.path("id").asText("call_" + frame.suffix() + "_" + index),
                    call.path("function").path("name").asText(""), "", "in_progress");
            output().add(item);
            known = new Call(item, outputIndex);
            calls.put(index, known);
            openCall = known;
            ObjectNode added = event("response.output_item.added");
            added.put("output_index", outputIndex);
            added.set("item", item.deepCopy());
            events.add(new Event("response.output_item.added", added));
        }
        String partial = call.path("function").path("arguments").asText("");
        if (!partial.isEmpty()) {
            known.arguments.append(partial);
            if (known.closed) {
                known.item.put("arguments", known.arguments.toString());
            }
            ObjectNode delta = event("response.function_call_arguments.delta");
            delta.put("item_id", known.item.path("id").asText());
            delta.put("output_index", known.outputIndex);
            delta.put("delta", partial);
            events.add(new Event("response.function_call_arguments.delta", delta));
        }
    }

    private void closeOpen(List<Event> events) {
        if (message != null) {
            String text = message.text().toString();
            String id = message.item().path("id").asText();
            ObjectNode textDone = event("response.output_text.done");
            textDone.put("item_id", id);
            textDone.put("output_index", message.outputIndex());
            textDone.put("content_index", 0);
            textDone.put("text", text);
            textDone.putArray("logprobs");
            events.add(new Event("response.output_text.done", textDone));
            ObjectNode partDone = event("response.content_part.done");
            partDone.put("item_id", id);
            partDone.put("output_index", message.outputIndex());
            partDone.put("content_index", 0);
            partDone.set("part", objects.textPart(text));
            events.add(new Event("response.content_part.done", partDone));
            message.item().put("status", "completed");
            ((ArrayNode) message.item().get("content")).add(objects.textPart(text));
            itemDone(message.item(), message.outputIndex(), events);
            message = null;
        }
        if (openCall != null && !openCall.closed) {
            openCall.closed = true;
            String arguments = openCall.arguments.toString();
            ObjectNode argumentsDone = event("response.function_call_arguments.done");
            argumentsDone.put("item_id", openCall.item.path("id").asText());
            argumentsDone.put("output_index", openCall.outputIndex);
            argumentsDone.put("name", openCall.item.path("name").asText());
            argumentsDone.put("arguments", arguments);
            events.add(new Event("response.function_call_arguments.done", argumentsDone));
            openCall.item.put("arguments", arguments);
            openCall.item.put("status", "completed");
            itemDone(openCall.item, openCall.outputIndex, events);
            openCall = null;
        }
    }

    private void itemDone(ObjectNode item, int outputIndex, List<Event> events) {
        ObjectNode done = event("response.output_item.done");
        done.put("output_index", outputIndex);
        done.set("item", item.deepCopy());
        events.add(new Event("response.output_item.done", done));
    }

    private ArrayNode output() {
        return (ArrayNode) response.get("output");
    }

    private ObjectNode event(String type) {
        ObjectNode event = json.createObjectNode();
        event.put("type", type);
        event.put("sequence_number", sequence++);
        return event;
    }
}
