package dev.switchgear.adapter.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.openai.ChatContent;
import dev.switchgear.adapter.wire.openai.OpenAiUsage;

/** Whole (non-streamed) answers: an Anthropic message as an OpenAI chat completion, and back. */
final class AnthropicResponses {

    private final ObjectMapper json;

    AnthropicResponses(ObjectMapper json) {
        this.json = json;
    }

    /** An OpenAI chat completion for an Anthropic message: text and tool_use blocks, stop reason, usage. */
    ObjectNode toOpenAi(JsonNode message, long created) {
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
                    // thinking and blocks added later carry nothing OpenAI's shape can hold
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
        choice.put("finish_reason", AnthropicTerms.finishReason(message.path("stop_reason").asText(null)));
        ChatContent.putUsage(completion, AnthropicTerms.usage(message.path("usage")));
        return completion;
    }

    /** The Anthropic message for an OpenAI chat completion, named {@code model} as the caller asked. */
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
            use.set("input", ChatContent.argumentsOrEmpty(json, call.path("function").path("arguments").asText("{}")));
        }
        message.put("stop_reason", AnthropicTerms.stopReason(completion.at("/choices/0/finish_reason").asText(null)));
        message.putNull("stop_sequence");
        AnthropicTerms.writeUsage(message.putObject("usage"), OpenAiUsage.read(completion.path("usage"))
                .orElseGet(() -> OpenAiUsage.fit(completion.at("/usage/prompt_tokens").asLong(0),
                        completion.at("/usage/completion_tokens").asLong(0), 0, 0, 0, 0)));
        return message;
    }
}
