package dev.switchgear.adapter.simulator;

import static dev.switchgear.adapter.simulator.SimulatedText.pieces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * {@code POST /v1/chat/completions} of {@code sim-echo} ({@link ChatAnswers}), plain or streamed as
 * OpenAI's {@code chat.completion.chunk} events, tool calls included.
 */
final class ChatCompletions implements HttpHandler {

    private final SimulatorExchange http;
    private final ChatAnswers answers;

    ChatCompletions(SimulatorExchange http) {
        this.http = http;
        this.answers = new ChatAnswers(http.json());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = http.postedFor(exchange, Simulator.MODEL);
            if (request == null) {
                return;
            }
            JsonNode messages = request.path("messages");
            if (!messages.isArray() || messages.isEmpty()) {
                http.error(exchange, 400, "invalid_request_error", null, "`messages` must be a non-empty array");
                return;
            }
            if (http.faulted(exchange)) {
                return;
            }
            ObjectNode answer = answers.answer(request, messages);
            if (request.path("stream").asBoolean(false)) {
                stream(exchange, answer, request.path("stream_options").path("include_usage").asBoolean(false));
            } else {
                http.send(exchange, 200, answer);
            }
        }
    }

    /**
     * Streams an answer as OpenAI does: a role chunk, the tool calls or the content in pieces of at
     * most 16 bytes, a finish chunk, the usage chunk when asked for, then {@code [DONE]}.
     */
    private void stream(HttpExchange exchange, ObjectNode answer, boolean includeUsage) throws IOException {
        String id = answer.path("id").asText();
        JsonNode toolCalls = answer.at("/choices/0/message/tool_calls");
        String content = answer.at("/choices/0/message/content").asText("");
        try (SimulatorExchange.Events events = http.events(exchange)) {
            ObjectNode role = chunk(id);
            role.withArray("choices").addObject().put("index", 0).putObject("delta").put("role", "assistant")
                    .put("content", "");
            events.event(role);
            if (toolCalls.isArray()) {
                streamToolCalls(events, id, toolCalls);
            }
            for (String piece : pieces(content, 16)) {
                ObjectNode delta = chunk(id);
                delta.withArray("choices").addObject().put("index", 0).putObject("delta").put("content", piece);
                events.event(delta);
            }
            ObjectNode finish = chunk(id);
            ObjectNode last = finish.withArray("choices").addObject().put("index", 0);
            last.putObject("delta");
            last.put("finish_reason", answer.at("/choices/0/finish_reason").asText());
            events.event(finish);
            if (includeUsage) {
                ObjectNode usage = chunk(id);
                usage.putArray("choices");
                usage.set("usage", answer.get("usage"));
                events.event(usage);
            }
            events.done();
        }
    }

    /** Streams tool calls as OpenAI does: the call's id and name with empty arguments, then the arguments in pieces. */
    private void streamToolCalls(SimulatorExchange.Events events, String id, JsonNode toolCalls) throws IOException {
        for (int index = 0; index < toolCalls.size(); index++) {
            JsonNode call = toolCalls.get(index);
            ObjectNode open = chunk(id);
            ObjectNode opened = open.withArray("choices").addObject().put("index", 0).putObject("delta")
                    .putArray("tool_calls").addObject();
            opened.put("index", index);
            opened.put("id", call.path("id").asText());
            opened.put("type", "function");
            opened.putObject("function").put("name", call.path("function").path("name").asText()).put("arguments", "");
            events.event(open);
            for (String piece : pieces(call.path("function").path("arguments").asText(), 16)) {
                ObjectNode delta = chunk(id);
                ObjectNode part = delta.withArray("choices").addObject().put("index", 0).putObject("delta")
                        .putArray("tool_calls").addObject();
                part.put("index", index);
                part.putObject("function").put("arguments", piece);
                events.event(delta);
            }
        }
    }

    private ObjectNode chunk(String id) {
        ObjectNode chunk = http.json().createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", System.currentTimeMillis() / 1000);
        chunk.put("model", Simulator.MODEL);
        return chunk;
    }
}
