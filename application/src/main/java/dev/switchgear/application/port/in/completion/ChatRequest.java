package dev.switchgear.application.port.in.completion;

import dev.switchgear.domain.credit.api.RequestId;
import java.util.Optional;

/**
 * A chat completion request as the inbound adapter validated it: the model asked for, the output
 * cap the caller set (if any), the caller's request id for idempotency (if any), and the request
 * body in OpenAI's format, passed on to OpenAI-compatible upstreams with only the model rewritten;
 * for streams, whether the caller asked for the usage chunk.
 */
public record ChatRequest(String model, Optional<Integer> maxOutputTokens, Optional<RequestId> requestId,
                          byte[] body, boolean usageChunkForCaller) {

    public ChatRequest(String model, Optional<Integer> maxOutputTokens, Optional<RequestId> requestId, byte[] body) {
        this(model, maxOutputTokens, requestId, body, false);
    }
}
