package dev.switchgear.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.application.port.in.completion.CountTokensUseCase.TokenCount;
import dev.switchgear.application.port.out.completion.TokenCounter;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Counts a prompt with {@link TokenEstimate}, the counter the gateway already uses for answers an
 * upstream reports no usage for: the model's own tokenizer for OpenAI-family models
 * ({@code o200k_base}, {@code cl100k_base}), one token per four bytes of UTF-8 otherwise. System
 * prompt, every message (text, tool calls, tool results) and the tool definitions are counted. A
 * router's vendor prefix ({@code openai/gpt-4o}) is dropped to find the tokenizer.
 * Nothing leaves the gateway.
 */
public final class LocalTokenCounter implements TokenCounter {

    private final ObjectMapper json;

    public LocalTokenCounter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public TokenCount prompt(String upstreamModel, byte[] chatRequest) {
        JsonNode request;
        try {
            request = json.readTree(chatRequest);
        } catch (IOException e) {
            throw new UncheckedIOException("the chat request to count is not JSON", e);
        }
        TokenEstimate estimate = TokenEstimate.forModel(upstreamModel.substring(upstreamModel.lastIndexOf('/') + 1));
        return new TokenCount(estimate.prompt(request), estimate.exact());
    }
}
