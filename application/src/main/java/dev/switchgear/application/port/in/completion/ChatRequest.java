package dev.switchgear.application.port.in.completion;

import dev.switchgear.domain.credit.api.RequestId;
import java.util.Optional;

/**
 * A chat completion request as the inbound adapter validated it: the model asked for, the output
 * cap the caller set (if any), the caller's request id for idempotency (if any), and the request
 * body in OpenAI's format, passed on to OpenAI-compatible upstreams with only the model rewritten;
 * for streams, whether the caller asked for the usage chunk; and whether the caller prefers its own
 * provider key (header {@code X-Prefer-BYOK}; when absent, a stored key is used if there is one).
 */
public record ChatRequest(String model, Optional<Integer> maxOutputTokens, Optional<RequestId> requestId,
                          byte[] body, boolean usageChunkForCaller, boolean preferByok) {

    public ChatRequest(String model, Optional<Integer> maxOutputTokens, Optional<RequestId> requestId, byte[] body,
                       boolean usageChunkForCaller) {
        this(model, maxOutputTokens, requestId, body, usageChunkForCaller, true);
    }

    public ChatRequest(String model, Optional<Integer> maxOutputTokens, Optional<RequestId> requestId, byte[] body) {
        this(model, maxOutputTokens, requestId, body, false, true);
    }
}
