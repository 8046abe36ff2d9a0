package dev.switchgear.application.port.in.completion;

import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.routing.api.Capability;
import dev.switchgear.domain.routing.api.Endpoint;
import dev.switchgear.domain.shared.PowerLevel;
import java.util.Optional;
import java.util.Set;

/**
 * A chat completion request as the inbound adapter validated it: the model asked for, the output
 * cap the caller set (if any), the caller's request id for idempotency (if any), and the request
 * body in OpenAI's format, passed on to OpenAI-compatible upstreams with only the model rewritten;
 * for streams, whether the caller asked for the usage chunk; and whether the caller prefers its own
 * provider key (header {@code X-Prefer-BYOK}; when absent, a stored key is used if there is one);
 * the power level the request asks for ({@code X-Power-Level}; else the account's), and what the
 * request needs of a model (tools, JSON output, vision); and the endpoint it came in on: chat (the
 * default), the legacy completions (its body in that API's format, passed to the upstream's own
 * {@code /v1/completions}) or embeddings (ADR 0022).
 */
public record ChatRequest(String model, Optional<Integer> maxOutputTokens, Optional<RequestId> requestId,
                          byte[] body, boolean usageChunkForCaller, boolean preferByok,
                          Optional<PowerLevel> powerLevel, Set<Capability> needs, Endpoint endpoint) {

    public ChatRequest {
        needs = needs == null ? Set.of() : Set.copyOf(needs);
        powerLevel = powerLevel == null ? Optional.empty() : powerLevel;
        endpoint = endpoint == null ? Endpoint.CHAT : endpoint;
    }

    /** A chat request. */
    public ChatRequest(String model, Optional<Integer> maxOutputTokens, Optional<RequestId> requestId, byte[] body,
                       boolean usageChunkForCaller, boolean preferByok, Optional<PowerLevel> powerLevel,
                       Set<Capability> needs) {
        this(model, maxOutputTokens, requestId, body, usageChunkForCaller, preferByok, powerLevel, needs, Endpoint.CHAT);
    }

    /**
     * An embeddings request: no output, so no output cap is sent upstream and the worst case is the
     * input alone.
     */
    public static ChatRequest embeddings(String model, Optional<RequestId> requestId, byte[] body, boolean preferByok,
                                         Optional<PowerLevel> powerLevel) {
        return new ChatRequest(model, Optional.of(0), requestId, body, false, preferByok, powerLevel, Set.of(),
                Endpoint.EMBEDDINGS);
    }

    public ChatRequest(String model, Optional<Integer> maxOutputTokens, Optional<RequestId> requestId, byte[] body,
                       boolean usageChunkForCaller, boolean preferByok) {
        this(model, maxOutputTokens, requestId, body, usageChunkForCaller, preferByok, Optional.empty(), Set.of());
    }

    public ChatRequest(String model, Optional<Integer> maxOutputTokens, Optional<RequestId> requestId, byte[] body,
                       boolean usageChunkForCaller) {
        this(model, maxOutputTokens, requestId, body, usageChunkForCaller, true);
    }

    public ChatRequest(String model, Optional<Integer> maxOutputTokens, Optional<RequestId> requestId, byte[] body) {
        this(model, maxOutputTokens, requestId, body, false, true);
    }
}
