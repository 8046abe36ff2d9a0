package dev.switchgear.application.port.out.completion;

/**
 * One upstream LLM provider, reached in its own wire format with the platform's key. Implementations
 * never put the key, or their base URL, into an exception message.
 */
public interface CompletionProvider {

    /** The provider's id in the model catalog ("openai", "simulator", ...). */
    String providerId();

    /** Sends one non-streaming chat completion and returns the provider's reply in OpenAI's format. */
    UpstreamReply complete(UpstreamCall call);

    /**
     * Streams one chat completion, handing each chunk (OpenAI format) to the listener as soon as
     * the upstream sends it. Fails with {@link UpstreamException} only before the first chunk was
     * handed on; after that, a broken stream ends with a {@link StreamOutcome} that says why, and
     * with the tokens produced so far.
     */
    StreamOutcome stream(UpstreamCall call, StreamListener listener);
}
