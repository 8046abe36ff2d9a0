package dev.switchgear.application.service.completion;

import dev.switchgear.application.port.in.completion.CompletionError;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.credit.RequestAdmission;
import dev.switchgear.application.port.in.credit.UsageSettlement;
import dev.switchgear.application.port.out.routing.ProviderHealth;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.routing.Router;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Charges a completion that succeeded: reports the success to the provider's health, records the
 * attempt and the routing decision, settles the hold at the actual usage ({@link UsageSettlement})
 * and — by default — answers only once the charge is durable.
 */
final class UsageCharger {

    private static final Logger LOG = Logger.getLogger(UsageCharger.class.getName());

    private final UsageSettlement settlement;
    private final ProviderHealth health;
    private final boolean waitForDurableCharge;
    private final Duration chargeTimeout;

    UsageCharger(UsageSettlement settlement, ProviderHealth health, boolean waitForDurableCharge,
                 Duration chargeTimeout) {
        this.settlement = settlement;
        this.health = health;
        this.waitForDurableCharge = waitForDurableCharge;
        this.chargeTimeout = chargeTimeout;
    }

    /** Charges {@code usage} of the attempt that succeeded, recording the caller's key id; returns what was charged. */
    MicroCredits charge(RequestAdmission.Hold hold, Route route, List<RoutingTrace.Attempt> attempts,
                        FallbackCaller.Attempt attempt, TokenUsage usage, boolean usageEstimated,
                        UsageSettlement.AnswerToKeep keep, String apiKeyId) {
        Candidate candidate = attempt.candidate();
        long elapsed = System.nanoTime() - attempt.startedNanos();
        health.recordSuccess(candidate.model().provider(), candidate.model().id(), elapsed);
        attempts.add(new RoutingTrace.Attempt(candidate.model().id(), candidate.model().provider(), candidate.own(),
                "ok", elapsed / 1_000_000));
        Router.Decision decision = route.decision();
        RoutingTrace trace = new RoutingTrace(decision.requested(), decision.level().code(), decision.catalogVersion(),
                decision.chain(), decision.candidates().stream().map(CatalogModel::id).toList(), decision.skipped(),
                attempts);
        UsageSettlement.Settlement settled = settlement.settle(hold, new UsageSettlement.Charge(candidate.model().id(),
                candidate.model().provider(), usage, usageEstimated, candidate.price(), candidate.own(),
                candidate.multiplierBasisPoints(), trace, keep, apiKeyId));
        if (waitForDurableCharge) {
            // as stored: a charge decided again after another node's write (ADR 0030) may differ from the first decision
            return awaitDurable(settled.durable(), hold.requestId()).charged();
        }
        return settled.charge().charged();
    }

    private UsageCharged awaitDurable(CompletableFuture<UsageCharged> durable, RequestId requestId) {
        try {
            return durable.get(chargeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw chargeNotRecorded(requestId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw chargeNotRecorded(requestId, e);
        }
    }

    private static CompletionException chargeNotRecorded(RequestId requestId, Exception cause) {
        LOG.log(Level.SEVERE, "the charge of request " + requestId + " could not be confirmed as stored", cause);
        return new CompletionException(CompletionError.CHARGE_NOT_RECORDED,
                "The completion succeeded but its charge could not be recorded; request id " + requestId);
    }
}
