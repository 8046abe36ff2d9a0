package dev.switchgear.application.port.in.completion;

import dev.switchgear.domain.shared.RequestId;

/**
 * Where a streamed completion goes: the inbound adapter frames each OpenAI chunk for its caller.
 * {@link #chunk} throws {@link ClientGoneException} when the caller is gone.
 */
public interface ChunkSink {

    /**
     * The request was admitted under {@code requestId}, before any chunk: the adapter can still name
     * it in the response's headers.
     */
    default void admitted(RequestId requestId) {
    }

    /**
     * The account's rate-limit budgets as this request left them, before any chunk: the adapter can
     * still report them in the response's headers (ADR 0017).
     */
    default void rateLimits(RateLimitStatus limits) {
    }

    /**
     * The chunks that follow are the kept answer of an earlier request with the same id (charged
     * then, not again); called before them.
     */
    default void replaying() {
    }

    void chunk(byte[] chunkJson);
}
