package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.TokenUsage;
import dev.switchgear.domain.routing.api.RoutingTrace;
import java.time.Instant;

/**
 * Charges one completion's usage to an account at a model's price. It is decided by
 * {@link dev.switchgear.domain.credit.CreditPosition} on the request path (see ADR 0004), never
 * dispatched one command per request. {@code held} is what admission reserved for this request;
 * the charge may use it on top of the balance the other requests have not reserved.
 * {@code usageEstimated} says the tokens were counted locally because the upstream reported none.
 * {@code multiplierBasisPoints} scales the price (the power level's; 10,000 = 1.0×); {@code routing}
 * is how the request was routed, recorded with the charge; {@code apiKeyId} the id of the API key that
 * made the request (null for a signed-in user or the administrator).
 */
public record ChargeUsage(AccountId accountId, RequestId requestId, String model, String provider,
                          TokenUsage usage, boolean usageEstimated, ModelPrice price, MicroCredits held,
                          Instant chargedAt, boolean byok, int multiplierBasisPoints, RoutingTrace routing,
                          String apiKeyId) {

    /** A charge that records no API key ({@code apiKeyId} null). */
    public ChargeUsage(AccountId accountId, RequestId requestId, String model, String provider, TokenUsage usage,
                       boolean usageEstimated, ModelPrice price, MicroCredits held, Instant chargedAt, boolean byok,
                       int multiplierBasisPoints, RoutingTrace routing) {
        this(accountId, requestId, model, provider, usage, usageEstimated, price, held, chargedAt, byok,
                multiplierBasisPoints, routing, null);
    }

    public ChargeUsage(AccountId accountId, RequestId requestId, String model, String provider, TokenUsage usage,
                       boolean usageEstimated, ModelPrice price, MicroCredits held, Instant chargedAt) {
        this(accountId, requestId, model, provider, usage, usageEstimated, price, held, chargedAt, false,
                ModelPrice.FULL, null);
    }
}
