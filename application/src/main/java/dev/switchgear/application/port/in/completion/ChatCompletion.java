package dev.switchgear.application.port.in.completion;

import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.TokenUsage;

/**
 * A completed chat request: the upstream's answer (OpenAI format) and what it was charged;
 * {@code replayed} when it is the kept answer of an earlier request with the same id (charged then,
 * not again).
 */
public record ChatCompletion(RequestId requestId, String model, String provider, byte[] body, TokenUsage usage,
                             MicroCredits charged, boolean replayed) {

    public ChatCompletion(RequestId requestId, String model, String provider, byte[] body, TokenUsage usage,
                          MicroCredits charged) {
        this(requestId, model, provider, body, usage, charged, false);
    }
}
