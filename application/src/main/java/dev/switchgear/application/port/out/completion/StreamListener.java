package dev.switchgear.application.port.out.completion;

/**
 * Receives a streamed completion chunk by chunk, each an OpenAI {@code chat.completion.chunk} JSON
 * object. Throws {@link dev.switchgear.application.port.in.completion.ClientGoneException} when the
 * caller has gone; the provider then stops reading and closes the upstream call.
 */
@FunctionalInterface
public interface StreamListener {

    void onChunk(byte[] chunkJson);
}
