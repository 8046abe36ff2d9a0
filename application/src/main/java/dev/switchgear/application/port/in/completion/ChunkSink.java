package dev.switchgear.application.port.in.completion;

/**
 * Where a streamed completion goes: the inbound adapter frames each OpenAI chunk for its caller.
 * {@link #chunk} throws {@link ClientGoneException} when the caller is gone.
 */
public interface ChunkSink {

    void chunk(byte[] chunkJson);
}
