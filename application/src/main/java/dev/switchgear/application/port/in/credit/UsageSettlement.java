package dev.switchgear.application.port.in.credit;

import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.TokenUsage;
import java.time.Duration;
import java.util.List;
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
     * caller's own key was used, the power level's multiplier in basis points, how it was routed, and
     * the id of the gateway API key that made the request (null for a signed-in user or the administrator).
     */
    record Charge(String model, String provider, TokenUsage usage, boolean usageEstimated, ModelPrice price,
                  boolean byok, int multiplierBasisPoints, RoutingTrace routing, AnswerToKeep keep,
                  String apiKeyId) {

        /** A charge that records no API key. */
        public Charge(String model, String provider, TokenUsage usage, boolean usageEstimated, ModelPrice price,
                      boolean byok, int multiplierBasisPoints, RoutingTrace routing, AnswerToKeep keep) {
            this(model, provider, usage, usageEstimated, price, byok, multiplierBasisPoints, routing, keep, null);
        }

        /** A charge whose answer is not kept. */
        public Charge(String model, String provider, TokenUsage usage, boolean usageEstimated, ModelPrice price,
                      boolean byok, int multiplierBasisPoints, RoutingTrace routing) {
            this(model, provider, usage, usageEstimated, price, byok, multiplierBasisPoints, routing, null);
        }
    }

    /**
     * The answer to keep with the charge, in the same transaction, for {@code keepFor}: a retry of
     * the request gets it again instead of a second charge ({@code requestHash} tells a retry from
     * another request reusing the id; {@code parts} is the body, or each chunk of a stream).
     */
    record AnswerToKeep(String requestHash, boolean stream, List<byte[]> parts, Duration keepFor) {

        public AnswerToKeep {
            parts = List.copyOf(parts);
        }
    }

    /** A decided charge and the future of its durable write. */
    record Settlement(UsageCharged charge, CompletableFuture<UsageCharged> durable) {
    }
}
