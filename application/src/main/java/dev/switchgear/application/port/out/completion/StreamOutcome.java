package dev.switchgear.application.port.out.completion;

import dev.switchgear.domain.shared.TokenUsage;
import java.util.Optional;

/**
 * How a stream ended: the tokens used (reported by the upstream, or counted locally from what was
 * produced and marked estimated), whether the upstream finished, and, when it did not, why
 * ({@code failure}: the upstream broke off after the first chunk; {@code clientGone}: the caller
 * disconnected and the upstream call was cancelled).
 */
public record StreamOutcome(TokenUsage usage, boolean usageEstimated, boolean clientGone,
                            Optional<String> failure) {

    public boolean finished() {
        return !clientGone && failure.isEmpty();
    }
}
