package dev.switchgear.application.port.in.credit;

import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.TokenUsage;
import java.util.concurrent.CompletableFuture;

/**
 * Settles an admitted request at its actual usage: the charge is decided by the account's rules,
 * applied at once (the next admission sees it) and written durably in the next batch.
 */
public interface UsageSettlement {

    /** Settles the hold; the settlement's future completes when the charge is durable, or with the write's failure. */
    Settlement settle(RequestAdmission.Hold hold, Charge charge);

    /**
     * What one completion used and how it is priced: the model and provider that served it, the
     * tokens (estimated when the upstream reported none), the price per 1K tokens, whether the
     * caller's own key was used, the power level's multiplier in basis points, and how it was routed.
     */
    record Charge(String model, String provider, TokenUsage usage, boolean usageEstimated, ModelPrice price,
                  boolean byok, int multiplierBasisPoints, RoutingTrace routing) {
    }

    /** A decided charge and the future of its durable write. */
    record Settlement(UsageCharged charge, CompletableFuture<UsageCharged> durable) {
    }
}
