package dev.switchgear.application.port.in.completion;

import dev.switchgear.application.port.in.shared.Caller;

/**
 * Answers an embeddings request ({@link ChatRequest#embeddings}) through the one embedding model it
 * names, and charges its input tokens to the caller's account exactly as a completion is charged:
 * admitted against the balance and the rate limits, once per request id, recorded with its routing
 * trace (ADR 0022). The answer's body is OpenAI's embeddings response, in the encoding asked for.
 */
public interface CreateEmbeddingsUseCase {

    ChatCompletion embed(Caller caller, ChatRequest request);
}
