package dev.switchgear.domain.shared;

/** Tokens consumed by one completion, as reported by the upstream (or counted locally). */
public record TokenUsage(long inputTokens, long outputTokens) {

    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
    }

    public long totalTokens() {
        return Math.addExact(inputTokens, outputTokens);
    }
}
