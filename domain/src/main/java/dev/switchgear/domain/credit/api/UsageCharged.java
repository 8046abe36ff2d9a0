package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.routing.api.RoutingTrace;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A completion's usage was charged. Carries every factor of the charge: the tokens, the model's
 * price per 1K tokens at the time, the full cost, what was charged, and what could not be
 * collected because the account had nothing left to cover it (zero unless the upstream used more
 * than admission reserved). {@code usageEstimated} marks tokens counted locally, not reported by the
 * upstream. {@code byok} marks a call made on the caller's own provider key: its prices are then the
 * BYOK platform fee's (zero by default), not the model's. {@code multiplierBasisPoints} is the power
 * level's multiplier the cost was computed at (10,000 = 1.0×; 0 in events written before it was
 * recorded, which were all at 1.0×), {@code markupBasisPoints} the tier's markup (0 before it was
 * recorded, when there was none), and {@code routing} the routing decision with the catalog
 * version (null before routing was recorded).
 */
@Revision("4")
public record UsageCharged(AccountId accountId, RequestId requestId, String model, String provider,
                           long inputTokens, long outputTokens, boolean usageEstimated, long inputPricePer1kTokens,
                           long outputPricePer1kTokens, MicroCredits cost, MicroCredits charged,
                           MicroCredits uncollected, MicroCredits balanceAfter, Instant chargedAt, boolean byok,
                           int multiplierBasisPoints, int markupBasisPoints, RoutingTrace routing) implements CreditAccountEvent {

    /** A charge on the platform's key (revision 1 events, which had no {@code byok}, read as this). */
    public UsageCharged(AccountId accountId, RequestId requestId, String model, String provider, long inputTokens,
                        long outputTokens, boolean usageEstimated, long inputPricePer1kTokens,
                        long outputPricePer1kTokens, MicroCredits cost, MicroCredits charged, MicroCredits uncollected,
                        MicroCredits balanceAfter, Instant chargedAt) {
        this(accountId, requestId, model, provider, inputTokens, outputTokens, usageEstimated, inputPricePer1kTokens,
                outputPricePer1kTokens, cost, charged, uncollected, balanceAfter, chargedAt, false, 10_000, 0, null);
    }
}
