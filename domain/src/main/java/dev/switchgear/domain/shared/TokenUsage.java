package dev.switchgear.domain.shared;

/**
 * Tokens consumed by one completion, as reported by the upstream (or counted locally).
 *
 * <p>{@code inputTokens} and {@code outputTokens} are the totals, in OpenAI's sense: every token of
 * the prompt (cache reads and cache writes included) and every token generated (reasoning
 * included). The parts name where some of those tokens went, each at most once:
 * {@code cachedInputTokens} were read from the provider's prompt cache, {@code cacheWrite5mTokens}
 * and {@code cacheWrite1hTokens} were written to it (5-minute and 1-hour entries), and
 * {@code reasoningTokens} were generated as reasoning (thinking) before the answer.
 *
 * <p>So every token is in exactly one of six disjoint buckets — {@link #uncachedInputTokens()},
 * {@code cachedInputTokens}, {@code cacheWrite5mTokens}, {@code cacheWrite1hTokens},
 * {@link #nonReasoningOutputTokens()} and {@code reasoningTokens} — and a price that charges each bucket
 * once never charges a token twice (ADR 0023).
 */
public record TokenUsage(long inputTokens, long outputTokens, long cachedInputTokens, long cacheWrite5mTokens,
                         long cacheWrite1hTokens, long reasoningTokens) {

    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0 || cachedInputTokens < 0 || cacheWrite5mTokens < 0
                || cacheWrite1hTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
        if (Math.addExact(Math.addExact(cachedInputTokens, cacheWrite5mTokens), cacheWrite1hTokens) > inputTokens) {
            throw new IllegalArgumentException("cache reads and writes are part of the input tokens");
        }
        if (reasoningTokens > outputTokens) {
            throw new IllegalArgumentException("reasoning tokens are part of the output tokens");
        }
    }

    /** Input and output tokens without parts (none cached, none reasoning). */
    public TokenUsage(long inputTokens, long outputTokens) {
        this(inputTokens, outputTokens, 0, 0, 0, 0);
    }

    public long totalTokens() {
        return Math.addExact(inputTokens, outputTokens);
    }

    /** Input tokens neither read from nor written to a cache: the ones at the plain input rate. */
    public long uncachedInputTokens() {
        return inputTokens - cachedInputTokens - cacheWrite5mTokens - cacheWrite1hTokens;
    }

    /** Cache writes of both lifetimes. */
    public long cacheWriteTokens() {
        return cacheWrite5mTokens + cacheWrite1hTokens;
    }

    /** Output tokens that are not reasoning: the ones at the plain output rate. */
    public long nonReasoningOutputTokens() {
        return outputTokens - reasoningTokens;
    }

    /** Whether any part is known (a cache was read or written, or reasoning was reported). */
    public boolean hasParts() {
        return cachedInputTokens > 0 || cacheWrite5mTokens > 0 || cacheWrite1hTokens > 0 || reasoningTokens > 0;
    }
}
