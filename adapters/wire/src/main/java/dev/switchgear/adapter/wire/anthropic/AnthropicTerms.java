package dev.switchgear.adapter.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchgear.domain.shared.TokenUsage;

/** Anthropic's stop reasons and usage in OpenAI's terms, and back. */
final class AnthropicTerms {

    private AnthropicTerms() {
    }

    /** Anthropic's usage as prompt and completion tokens; cache reads and writes count as prompt. */
    static TokenUsage usage(JsonNode usage) {
        long input = usage.path("input_tokens").asLong(0) + usage.path("cache_creation_input_tokens").asLong(0)
                + usage.path("cache_read_input_tokens").asLong(0);
        return new TokenUsage(input, usage.path("output_tokens").asLong(0));
    }

    /** OpenAI's finish reason for an Anthropic stop reason (null stays null). */
    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }

    /** Anthropic's stop reason for an OpenAI finish reason (null stays null). */
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
}
