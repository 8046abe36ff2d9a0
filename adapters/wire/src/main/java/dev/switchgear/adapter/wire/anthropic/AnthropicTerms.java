package dev.switchgear.adapter.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.openai.OpenAiUsage;
import dev.switchgear.domain.shared.TokenUsage;

/** Anthropic's stop reasons and usage in OpenAI's terms, and back. */
final class AnthropicTerms {

    private AnthropicTerms() {
    }

    /**
     * Anthropic's usage in the gateway's terms. Anthropic's {@code input_tokens} excludes cache reads
     * ({@code cache_read_input_tokens}) and cache writes ({@code cache_creation_input_tokens}, split
     * by lifetime in {@code cache_creation.ephemeral_5m_input_tokens} and
     * {@code ephemeral_1h_input_tokens}), so the prompt tokens are the three together, each part
     * counted once; thinking is counted in {@code output_tokens} and not reported apart, so no
     * reasoning part is known (ADR 0023).
     */
    static TokenUsage usage(JsonNode usage) {
        long uncached = usage.path("input_tokens").asLong(0);
        long reads = usage.path("cache_read_input_tokens").asLong(0);
        JsonNode lifetimes = usage.path("cache_creation");
        long oneHour = lifetimes.path("ephemeral_1h_input_tokens").asLong(0);
        long writes = usage.hasNonNull("cache_creation_input_tokens")
                ? usage.path("cache_creation_input_tokens").asLong(0)
                : lifetimes.path("ephemeral_5m_input_tokens").asLong(0) + oneHour;
        long fiveMinutes = writes - Math.min(writes, oneHour);
        return OpenAiUsage.fit(Math.max(0, uncached) + Math.max(0, reads) + Math.max(0, writes),
                usage.path("output_tokens").asLong(0), reads, fiveMinutes, oneHour, 0);
    }

    /** Writes {@code usage} as Anthropic's usage object: input without the cache, cache reads and writes apart. */
    static ObjectNode writeUsage(ObjectNode node, TokenUsage usage) {
        node.put("input_tokens", usage.uncachedInputTokens());
        node.put("cache_creation_input_tokens", usage.cacheWriteTokens());
        node.put("cache_read_input_tokens", usage.cachedInputTokens());
        node.putObject("cache_creation").put("ephemeral_5m_input_tokens", usage.cacheWrite5mTokens())
                .put("ephemeral_1h_input_tokens", usage.cacheWrite1hTokens());
        node.put("output_tokens", usage.outputTokens());
        return node;
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
