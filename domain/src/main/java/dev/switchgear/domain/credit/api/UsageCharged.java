package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A completion's usage was charged. Carries every factor of the charge: the tokens, the model's
 * price per 1K tokens at the time, the full cost, what was charged, and what could not be
 * collected because the account had nothing left to cover it (zero unless the upstream used more
 * than admission reserved). {@code usageEstimated} marks tokens counted locally, not reported by the
 * upstream.
 */
@Revision("1")
public record UsageCharged(AccountId accountId, RequestId requestId, String model, String provider,
                           long inputTokens, long outputTokens, boolean usageEstimated, long inputPricePer1kTokens,
                           long outputPricePer1kTokens, MicroCredits cost, MicroCredits charged,
                           MicroCredits uncollected, MicroCredits balanceAfter, Instant chargedAt) {
}
