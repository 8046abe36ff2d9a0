package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.TokenUsage;
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
 *
 * <p>Revision 5 (ADR 0023) adds the parts of the usage and their rates: of {@code inputTokens},
 * {@code cachedInputTokens} were read from the provider's prompt cache and {@code cacheWrite5mTokens}
 * / {@code cacheWrite1hTokens} written to it; of {@code outputTokens}, {@code reasoningTokens} were
 * reasoning; each part was charged at its own rate per 1K tokens. Events written before carry no
 * parts and are read (by the persistence adapter's upcaster) with none and with the rates they were
 * in effect charged at: the input rate for the cache, the output rate for reasoning.
 * {@link #usage()} and {@link #price()} give the factors back, so {@code cost} is re-derivable as
 * {@code price().costOf(usage(), multiplier, markup)}.
 *
 * <p>{@code apiKeyId} (issue #15) is the id of the gateway API key that made the request, as
 * {@code GET /api/v1/keys} shows it — never the key or its hash; null for a signed-in user's or the
 * administrator's request and in every event written before it was recorded (read tolerantly as
 * missing, same revision).
 */
@Revision("5")
public record UsageCharged(AccountId accountId, RequestId requestId, String model, String provider,
                           long inputTokens, long outputTokens, boolean usageEstimated, long inputPricePer1kTokens,
                           long outputPricePer1kTokens, MicroCredits cost, MicroCredits charged,
                           MicroCredits uncollected, MicroCredits balanceAfter, Instant chargedAt, boolean byok,
                           int multiplierBasisPoints, int markupBasisPoints, RoutingTrace routing,
                           long cachedInputTokens, long cacheWrite5mTokens, long cacheWrite1hTokens,
                           long reasoningTokens, long cachedInputPricePer1kTokens, long cacheWrite5mPricePer1kTokens,
                           long cacheWrite1hPricePer1kTokens, long reasoningPricePer1kTokens, String apiKeyId)
        implements CreditAccountEvent {

    /**
     * A charge that records no API key (today's shape before {@code apiKeyId}): a signed-in user's or an
     * administrator's request, or any event written before the key was recorded (read with a null key id).
     */
    public UsageCharged(AccountId accountId, RequestId requestId, String model, String provider,
                        long inputTokens, long outputTokens, boolean usageEstimated, long inputPricePer1kTokens,
                        long outputPricePer1kTokens, MicroCredits cost, MicroCredits charged,
                        MicroCredits uncollected, MicroCredits balanceAfter, Instant chargedAt, boolean byok,
                        int multiplierBasisPoints, int markupBasisPoints, RoutingTrace routing,
                        long cachedInputTokens, long cacheWrite5mTokens, long cacheWrite1hTokens,
                        long reasoningTokens, long cachedInputPricePer1kTokens, long cacheWrite5mPricePer1kTokens,
                        long cacheWrite1hPricePer1kTokens, long reasoningPricePer1kTokens) {
        this(accountId, requestId, model, provider, inputTokens, outputTokens, usageEstimated, inputPricePer1kTokens,
                outputPricePer1kTokens, cost, charged, uncollected, balanceAfter, chargedAt, byok,
                multiplierBasisPoints, markupBasisPoints, routing, cachedInputTokens, cacheWrite5mTokens,
                cacheWrite1hTokens, reasoningTokens, cachedInputPricePer1kTokens, cacheWrite5mPricePer1kTokens,
                cacheWrite1hPricePer1kTokens, reasoningPricePer1kTokens, null);
    }

    /** A charge on the platform's key (revision 1 events, which had no {@code byok}, read as this). */
    public UsageCharged(AccountId accountId, RequestId requestId, String model, String provider, long inputTokens,
                        long outputTokens, boolean usageEstimated, long inputPricePer1kTokens,
                        long outputPricePer1kTokens, MicroCredits cost, MicroCredits charged, MicroCredits uncollected,
                        MicroCredits balanceAfter, Instant chargedAt) {
        this(accountId, requestId, model, provider, inputTokens, outputTokens, usageEstimated, inputPricePer1kTokens,
                outputPricePer1kTokens, cost, charged, uncollected, balanceAfter, chargedAt, false, 10_000, 0, null);
    }

    /** A charge without parts (revision 4's shape): no cache, no reasoning, the parts' rates the input and output rates. */
    public UsageCharged(AccountId accountId, RequestId requestId, String model, String provider, long inputTokens,
                        long outputTokens, boolean usageEstimated, long inputPricePer1kTokens,
                        long outputPricePer1kTokens, MicroCredits cost, MicroCredits charged, MicroCredits uncollected,
                        MicroCredits balanceAfter, Instant chargedAt, boolean byok, int multiplierBasisPoints,
                        int markupBasisPoints, RoutingTrace routing) {
        this(accountId, requestId, model, provider, inputTokens, outputTokens, usageEstimated, inputPricePer1kTokens,
                outputPricePer1kTokens, cost, charged, uncollected, balanceAfter, chargedAt, byok,
                multiplierBasisPoints, markupBasisPoints, routing, 0, 0, 0, 0, inputPricePer1kTokens,
                inputPricePer1kTokens, inputPricePer1kTokens, outputPricePer1kTokens);
    }

    /** The tokens charged, with their parts. */
    public TokenUsage usage() {
        return new TokenUsage(inputTokens, outputTokens, cachedInputTokens, cacheWrite5mTokens, cacheWrite1hTokens,
                reasoningTokens);
    }

    /** The price per 1K tokens the tokens were charged at, with the parts' rates. */
    public ModelPrice price() {
        return new ModelPrice(inputPricePer1kTokens, outputPricePer1kTokens, cachedInputPricePer1kTokens,
                cacheWrite5mPricePer1kTokens, cacheWrite1hPricePer1kTokens, reasoningPricePer1kTokens);
    }
}
