package dev.switchgear.application.port.in.completion;

/**
 * Counts the input tokens a chat request would use with a model, without calling it: free, so no
 * charge, no usage event and no rate-limit request (ADR 0020).
 */
public interface CountTokensUseCase {

    /**
     * The input tokens of {@code chatRequest} (the gateway's OpenAI chat request, JSON) for the
     * model the caller named; a name the catalog does not know is refused with
     * {@link CompletionError#MODEL_NOT_FOUND}.
     */
    TokenCount count(String model, byte[] chatRequest);

    /** A count, and whether it is the model's own tokenizer's ({@code exact}) or an estimate. */
    record TokenCount(long inputTokens, boolean exact) {

        public TokenCount {
            if (inputTokens < 0) {
                throw new IllegalArgumentException("a token count is zero or more");
            }
        }
    }
}
