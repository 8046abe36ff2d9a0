package dev.switchgear.adapter.simulator;

import static dev.switchgear.adapter.simulator.SimulatedText.cut;
import static dev.switchgear.adapter.simulator.SimulatedText.text;
import static dev.switchgear.adapter.simulator.SimulatedText.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * What {@code sim-echo} answers to a chat: the last user message cut to the output cap; a call of an
 * offered function tool with arguments that fit its schema; or, to a tool's result, text quoting it.
 * Usage is counted by the simulator's rule plus OpenAI's documented overheads (four per message,
 * three for the reply's priming).
 */
final class ChatAnswers {

    private final ObjectMapper json;

    ChatAnswers(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode answer(JsonNode request, JsonNode messages) {
        long promptTokens = 3;
        String lastUser = "";
        for (JsonNode message : messages) {
            String text = text(message.path("content"));
            promptTokens += 4 + tokens(text);
            for (JsonNode call : message.path("tool_calls")) {
                promptTokens += tokens(call.path("function").path("name").asText())
                        + tokens(call.path("function").path("arguments").asText());
            }
            if ("user".equals(message.path("role").asText())) {
                lastUser = text;
            }
        }
        JsonNode last = messages.get(messages.size() - 1);
        if ("tool".equals(last.path("role").asText())) {
            return toolResultAnswer(messages, last, promptTokens);
        }
        JsonNode cap = request.has("max_completion_tokens") ? request.get("max_completion_tokens") : request.get("max_tokens");
        Optional<JsonNode> tool = toolToCall(request);
        if (tool.isPresent()) {
            return toolCallAnswer(tool.get(), promptTokens,
                    cap != null && cap.canConvertToInt() ? OptionalInt.of(cap.asInt()) : OptionalInt.empty());
        }
        String content = cap != null && cap.canConvertToInt() ? cut(lastUser, cap.asInt()) : lastUser;
        return textAnswer(content, content.length() < lastUser.length() ? "length" : "stop", promptTokens);
    }

    /**
     * The tool {@code sim-echo} calls: when the request offers function tools and {@code tool_choice}
     * is not {@code none}, the one {@code tool_choice} names, else the first.
     */
    private static Optional<JsonNode> toolToCall(JsonNode request) {
        JsonNode tools = request.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return Optional.empty();
        }
        JsonNode choice = request.path("tool_choice");
        if (choice.isTextual() && "none".equals(choice.asText())) {
            return Optional.empty();
        }
        String named = choice.path("function").path("name").asText(null);
        for (JsonNode tool : tools) {
            if (named == null || named.equals(tool.path("function").path("name").asText())) {
                return Optional.of(tool.path("function"));
            }
        }
        return Optional.of(tools.get(0).path("function"));
    }

    /**
     * An answer calling {@code function} with arguments that fit its parameters' schema (finish
     * reason {@code tool_calls}); arguments longer than the output cap are cut there, as a model's
     * would be (finish reason {@code length}).
     */
    private ObjectNode toolCallAnswer(JsonNode function, long promptTokens, OptionalInt cap) {
        String name = function.path("name").asText();
        String whole = ToolArguments.forSchema(function.path("parameters")).toString();
        String arguments = cap.isPresent() ? cut(whole, (int) Math.max(0, cap.getAsInt() - tokens(name))) : whole;
        ObjectNode reply = reply();
        ObjectNode choice = reply.withArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.putNull("content");
        message.putNull("refusal");
        ObjectNode call = message.putArray("tool_calls").addObject();
        call.put("id", "call_sim_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        call.put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        choice.putNull("logprobs");
        choice.put("finish_reason", arguments.length() < whole.length() ? "length" : "tool_calls");
        usage(reply, promptTokens, tokens(name) + tokens(arguments));
        return reply;
    }

    /** An answer to a tool's result: text that names the tool and quotes what it returned. */
    private ObjectNode toolResultAnswer(JsonNode messages, JsonNode result, long promptTokens) {
        String callId = result.path("tool_call_id").asText();
        String name = "the tool";
        for (JsonNode message : messages) {
            for (JsonNode call : message.path("tool_calls")) {
                if (callId.equals(call.path("id").asText())) {
                    name = call.path("function").path("name").asText(name);
                }
            }
        }
        return textAnswer("The result of " + name + ": " + text(result.path("content")), "stop", promptTokens);
    }

    private ObjectNode textAnswer(String content, String finishReason, long promptTokens) {
        ObjectNode reply = reply();
        ObjectNode choice = reply.withArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        usage(reply, promptTokens, tokens(content));
        return reply;
    }

    private ObjectNode reply() {
        ObjectNode reply = json.createObjectNode();
        reply.put("id", "chatcmpl-sim-" + UUID.randomUUID());
        reply.put("object", "chat.completion");
        reply.put("created", System.currentTimeMillis() / 1000);
        reply.put("model", Simulator.MODEL);
        reply.putArray("choices");
        return reply;
    }

    private static void usage(ObjectNode reply, long promptTokens, long completionTokens) {
        ObjectNode usage = reply.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        reply.put("system_fingerprint", "switchgear-simulator");
    }
}
