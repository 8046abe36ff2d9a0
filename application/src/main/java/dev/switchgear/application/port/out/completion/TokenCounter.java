package dev.switchgear.application.port.out.completion;

import dev.switchgear.application.port.in.completion.CountTokensUseCase.TokenCount;

/**
 * Counts the prompt tokens of a chat request (the gateway's OpenAI format, JSON) locally, with the
 * tokenizer of the upstream model where one is known and a stated estimate otherwise.
 */
public interface TokenCounter {

    /**
     * @param upstreamModel the provider's own model id, or empty when no single model is named yet
     *                      (an automatic choice); the count is then an estimate
     */
    TokenCount prompt(String upstreamModel, byte[] chatRequest);
}
