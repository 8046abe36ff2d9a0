package dev.switchgear.adapter.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.domain.shared.TokenUsage;
import java.util.Optional;

/**
 * OpenAI's chat {@code usage} object, the gateway's internal usage shape (ADR 0008, ADR 0023), both
 * ways. {@code prompt_tokens} counts every input token, cache reads and writes included, and
 * {@code completion_tokens} every generated token, reasoning included (OpenAI's rule). The parts:
 * <ul>
 *   <li>{@code prompt_tokens_details.cached_tokens}: input read from the prompt cache (OpenAI's own field);</li>
 *   <li>{@code completion_tokens_details.reasoning_tokens}: reasoning output (OpenAI's own field);</li>
 *   <li>{@code prompt_tokens_details.cache_creation_tokens}: input written to the prompt cache, with
 *       {@code prompt_tokens_details.cache_creation_token_details.ephemeral_5m_input_tokens} and
 *       {@code ephemeral_1h_input_tokens} for the two lifetimes — an extension, since OpenAI's shape
 *       has no cache writes; named as LiteLLM names it, and {@code cache_write_tokens}
 *       (OpenRouter's name) is read too.</li>
 * </ul>
 * Parts an upstream reports that do not fit its totals are cut to fit (a charge never fails on a
 * vendor's arithmetic).
 */
public final class OpenAiUsage {

    private OpenAiUsage() {
    }

    /** The usage an OpenAI {@code usage} object reports; empty unless it has numeric prompt and completion tokens. */
    public static Optional<TokenUsage> read(JsonNode usage) {
        if (usage == null || !usage.path("prompt_tokens").canConvertToLong()
                || !usage.path("completion_tokens").canConvertToLong()) {
            return Optional.empty();
        }
        JsonNode prompt = usage.path("prompt_tokens_details");
        JsonNode lifetimes = prompt.path("cache_creation_token_details");
        long writes1h = lifetimes.path("ephemeral_1h_input_tokens").asLong(0);
        long writes5m;
        if (prompt.has("cache_creation_tokens") || prompt.has("cache_write_tokens")) {
            long writes = prompt.has("cache_creation_tokens") ? prompt.path("cache_creation_tokens").asLong(0)
                    : prompt.path("cache_write_tokens").asLong(0);
            writes5m = writes - Math.min(writes, writes1h);
        } else {
            writes5m = lifetimes.path("ephemeral_5m_input_tokens").asLong(0);
        }
        return Optional.of(fit(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong(),
                prompt.path("cached_tokens").asLong(0), writes5m, writes1h,
                usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0)));
    }

    /**
     * A usage from totals and parts as a vendor reported them, each part cut to what its total can
     * hold (negative counts read as zero): cache reads first, then 1-hour writes, then 5-minute
     * writes from the input; reasoning from the output.
     */
    public static TokenUsage fit(long input, long output, long cachedInput, long cacheWrite5m, long cacheWrite1h,
                                 long reasoning) {
        long in = Math.max(0, input);
        long out = Math.max(0, output);
        long cached = clamp(cachedInput, in);
        long oneHour = clamp(cacheWrite1h, in - cached);
        long fiveMinutes = clamp(cacheWrite5m, in - cached - oneHour);
        return new TokenUsage(in, out, cached, fiveMinutes, oneHour, clamp(reasoning, out));
    }

    private static long clamp(long value, long max) {
        return Math.max(0, Math.min(value, max));
    }

    /** Puts {@code usage} on {@code into} as its OpenAI {@code usage} object. */
    public static void put(ObjectNode into, TokenUsage usage) {
        write(into.putObject("usage"), usage);
    }

    /** Writes the counts and, when there are any, the parts into an OpenAI {@code usage} object. */
    public static ObjectNode write(ObjectNode node, TokenUsage usage) {
        node.put("prompt_tokens", usage.inputTokens());
        node.put("completion_tokens", usage.outputTokens());
        node.put("total_tokens", usage.totalTokens());
        if (usage.cachedInputTokens() > 0 || usage.cacheWriteTokens() > 0) {
            ObjectNode prompt = node.putObject("prompt_tokens_details");
            prompt.put("cached_tokens", usage.cachedInputTokens());
            if (usage.cacheWriteTokens() > 0) {
                prompt.put("cache_creation_tokens", usage.cacheWriteTokens());
                prompt.putObject("cache_creation_token_details")
                        .put("ephemeral_5m_input_tokens", usage.cacheWrite5mTokens())
                        .put("ephemeral_1h_input_tokens", usage.cacheWrite1hTokens());
            }
        }
        if (usage.reasoningTokens() > 0) {
            node.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        }
        return node;
    }
}
