package dev.switchgear.application.port.in.completion;

import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.TokenUsage;
import java.util.Optional;

/**
 * A completed chat request: the upstream's answer (OpenAI format) and what it was charged;
 * {@code replayed} when it is the kept answer of an earlier request with the same id (charged then,
 * not again); {@code limits}, the account's rate-limit budgets as the request left them (empty when
 * they were not consulted).
 */
public record ChatCompletion(RequestId requestId, String model, String provider, byte[] body, TokenUsage usage,
                             MicroCredits charged, boolean replayed, Optional<RateLimitStatus> limits) {

    public ChatCompletion {
        limits = limits == null ? Optional.empty() : limits;
    }

    public ChatCompletion(RequestId requestId, String model, String provider, byte[] body, TokenUsage usage,
                          MicroCredits charged, boolean replayed) {
        this(requestId, model, provider, body, usage, charged, replayed, Optional.empty());
    }

    public ChatCompletion(RequestId requestId, String model, String provider, byte[] body, TokenUsage usage,
                          MicroCredits charged) {
        this(requestId, model, provider, body, usage, charged, false);
    }

    /** This completion, reporting {@code status} as its rate limits. */
    public ChatCompletion withLimits(Optional<RateLimitStatus> status) {
        return new ChatCompletion(requestId, model, provider, body, usage, charged, replayed, status);
    }
}
