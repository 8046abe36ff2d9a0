package dev.switchgear.application.port.in.completion;

import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.TokenUsage;
import java.util.Optional;

/**
 * A streamed completion after its last chunk: what it was charged, and the upstream's failure if it
 * broke off mid-stream (the adapter tells the caller in the stream's own terms); {@code replayed}
 * when the chunks were the kept answer of an earlier request with the same id (charged then). Its
 * rate limits were reported to the sink before the first chunk ({@link ChunkSink#rateLimits}).
 */
public record StreamedCompletion(RequestId requestId, TokenUsage usage, boolean usageEstimated,
                                 MicroCredits charged, Optional<String> failure, boolean replayed) {

    public StreamedCompletion(RequestId requestId, TokenUsage usage, boolean usageEstimated, MicroCredits charged,
                              Optional<String> failure) {
        this(requestId, usage, usageEstimated, charged, failure, false);
    }
}
