package dev.switchgear.application.port.in.completion;

import dev.switchgear.application.port.in.shared.Caller;

/** Answers a chat completion through an upstream provider and charges the caller's account. */
public interface CompleteChatUseCase {

    ChatCompletion complete(Caller caller, ChatRequest request);

    /**
     * Streams the completion into the sink and charges what was produced: the whole completion,
     * or, when the caller disconnects or the upstream breaks off, the tokens produced until then.
     * Refusals and upstream failures before the first chunk throw, exactly as {@link #complete}.
     */
    StreamedCompletion stream(Caller caller, ChatRequest request, ChunkSink sink);
}
