package dev.switchgear.application.port.out.completion;

/**
 * One upstream LLM provider, reached in its own wire format with the platform's key, or
 * with the caller's own key when the call carries one ({@link UpstreamCall#credential()}). Implementations
 * never put the key, or their base URL, into an exception message.
 */
public interface CompletionProvider {

    /** The provider's id in the model catalog ("openai", "simulator", ...). */
    String providerId();

    /**
     * Whether calls without a caller's own key can be made: a platform key is configured, or the
     * provider needs none (local vLLM, Ollama, the simulator).
     */
    default boolean hasPlatformCredential() {
        return true;
    }

    /** Sends one non-streaming chat completion and returns the provider's reply in OpenAI's format. */
    UpstreamReply complete(UpstreamCall call);

    /**
     * Streams one chat completion, handing each chunk (OpenAI format) to the listener as soon as
     * the upstream sends it. Fails with {@link UpstreamException} only before the first chunk was
     * handed on; after that, a broken stream ends with a {@link StreamOutcome} that says why, and
     * with the tokens produced so far.
     */
    StreamOutcome stream(UpstreamCall call, StreamListener listener);

    /**
     * Sends one embeddings request (the caller's body in OpenAI's embeddings format) and returns the
     * vectors in OpenAI's embeddings format, in the encoding the caller asked for, with the input
     * tokens as usage (no output). A provider whose vendor has no embeddings API refuses (the
     * catalog lists no embedding model for it, so routing never asks it).
     */
    default UpstreamReply embed(UpstreamCall call) {
        throw new UpstreamException(UpstreamException.Kind.REJECTED, 400, "The provider " + providerId()
                + " serves no embeddings", java.util.Optional.empty());
    }
}
