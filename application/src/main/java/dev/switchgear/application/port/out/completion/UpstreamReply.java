package dev.switchgear.application.port.out.completion;

import dev.switchgear.domain.shared.TokenUsage;

/**
 * The upstream's answer in OpenAI's format and the tokens it used: as the upstream reported them,
 * or, when it reported none, counted locally and marked {@code usageEstimated}.
 */
public record UpstreamReply(byte[] body, TokenUsage usage, boolean usageEstimated) {
}
