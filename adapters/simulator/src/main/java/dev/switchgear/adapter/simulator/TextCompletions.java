package dev.switchgear.adapter.simulator;

import static dev.switchgear.adapter.simulator.SimulatedText.cut;
import static dev.switchgear.adapter.simulator.SimulatedText.ids;
import static dev.switchgear.adapter.simulator.SimulatedText.pieces;
import static dev.switchgear.adapter.simulator.SimulatedText.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The legacy completions of {@code sim-echo} ({@code POST /v1/completions}): every prompt echoed,
 * cut to {@code max_tokens}, the prompt in front when {@code echo} is set; plain or streamed as
 * {@code text_completion} chunks. A token id is a token.
 */
final class TextCompletions implements HttpHandler {

    private final SimulatorExchange http;

    TextCompletions(SimulatorExchange http) {
        this.http = http;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = http.postedFor(exchange, Simulator.MODEL);
            if (request == null) {
                return;
            }
            List<String> prompts = new ArrayList<>();
            long promptTokens = 0;
            JsonNode prompt = request.get("prompt");
            if (prompt != null && prompt.isTextual()) {
                prompts.add(prompt.asText());
                promptTokens += tokens(prompt.asText());
            } else if (prompt != null && prompt.isArray() && !prompt.isEmpty() && prompt.get(0).isIntegralNumber()) {
                prompts.add(ids(prompt));
                promptTokens += prompt.size();
            } else if (prompt != null && prompt.isArray() && !prompt.isEmpty()) {
                for (JsonNode item : prompt) {
                    if (item.isTextual()) {
                        prompts.add(item.asText());
                        promptTokens += tokens(item.asText());
                    } else if (item.isArray()) {
                        prompts.add(ids(item));
                        promptTokens += item.size();
                    } else {
                        http.error(exchange, 400, "invalid_request_error", null, "`prompt` holds strings or token arrays");
                        return;
                    }
                }
            } else {
                http.error(exchange, 400, "invalid_request_error", null, "`prompt` must be a string or a non-empty array");
                return;
            }
            if (http.faulted(exchange)) {
                return;
            }
            ObjectNode answer = answer(request, prompts, promptTokens);
            if (request.path("stream").asBoolean(false)) {
                stream(exchange, answer, request.path("stream_options").path("include_usage").asBoolean(false));
            } else {
                http.send(exchange, 200, answer);
            }
        }
    }

    private ObjectNode answer(JsonNode request, List<String> prompts, long promptTokens) {
        JsonNode cap = request.get("max_tokens");
        boolean echo = request.path("echo").asBoolean(false);
        ObjectNode answer = http.json().createObjectNode();
        answer.put("id", "cmpl-sim-" + UUID.randomUUID());
        answer.put("object", "text_completion");
        answer.put("created", System.currentTimeMillis() / 1000);
        answer.put("model", Simulator.MODEL);
        ArrayNode choices = answer.putArray("choices");
        long completionTokens = 0;
        for (int i = 0; i < prompts.size(); i++) {
            String text = prompts.get(i);
            String completion = cap != null && cap.canConvertToInt() ? cut(text, cap.asInt()) : text;
            completionTokens += tokens(completion);
            ObjectNode choice = choices.addObject();
            choice.put("text", echo ? text + completion : completion);
            choice.put("index", i);
            choice.putNull("logprobs");
            choice.put("finish_reason", completion.length() < text.length() ? "length" : "stop");
        }
        ObjectNode usage = answer.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        return answer;
    }

    /**
     * Streams a legacy completion as OpenAI does: {@code text_completion} chunks of at most 16 bytes
     * per choice, a last chunk per choice with its finish reason, the usage chunk when asked for,
     * then {@code [DONE]}.
     */
    private void stream(HttpExchange exchange, ObjectNode answer, boolean includeUsage) throws IOException {
        try (SimulatorExchange.Events events = http.events(exchange)) {
            for (JsonNode choice : answer.path("choices")) {
                for (String piece : pieces(choice.path("text").asText(), 16)) {
                    events.event(chunk(answer, choice.path("index").asInt(), piece, null));
                }
                events.event(chunk(answer, choice.path("index").asInt(), "", choice.path("finish_reason").asText()));
            }
            if (includeUsage) {
                ObjectNode usage = chunk(answer, 0, "", null);
                usage.putArray("choices");
                usage.set("usage", answer.get("usage"));
                events.event(usage);
            }
            events.done();
        }
    }

    private ObjectNode chunk(ObjectNode answer, int index, String text, String finishReason) {
        ObjectNode chunk = http.json().createObjectNode();
        chunk.put("id", answer.path("id").asText());
        chunk.put("object", "text_completion");
        chunk.put("created", answer.path("created").asLong());
        chunk.put("model", Simulator.MODEL);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("text", text);
        choice.put("index", index);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }
}
