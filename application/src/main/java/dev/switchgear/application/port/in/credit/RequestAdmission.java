package dev.switchgear.application.port.in.credit;

import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import java.util.List;
import java.util.function.Function;

/**
 * Admission of one request on an account: in one step under the account's lock, the caller's
 * {@code plan} reads the account's standing, decides what the request may cost at worst, and that
 * much is held until the request is settled ({@link UsageSettlement}) or released. Every admission
 * rule of the account applies (a request id is charged once, the monthly cap, the balance).
 */
public interface RequestAdmission {

    /**
     * Plans and admits a request, or refuses it with the credit context's error (ACCOUNT_NOT_FOUND,
     * REQUEST_ALREADY_CHARGED, MONTHLY_CAP_REACHED, INSUFFICIENT_CREDITS); an exception thrown by
     * {@code plan} reaches the caller unchanged and holds nothing.
     */
    <P> Admitted<P> admit(AccountId account, RequestId requestId, Function<AccountStanding, Reservation<P>> plan);

    /**
     * As {@link #admit} for a request id the gateway has just made from a random UUID, which cannot
     * have been charged before: the store is not asked whether it was (a read saved on every request
     * that brings no id of its own). An id a caller chose — even one the gateway made and returned
     * earlier — goes through {@link #admit}.
     */
    <P> Admitted<P> admitNewId(AccountId account, RequestId requestId, Function<AccountStanding, Reservation<P>> plan);

    /** Gives a hold back: the request failed before it used anything. */
    void release(Hold hold);

    /**
     * Gives a hold back and records that the request failed outright ({@code RequestFailed} in the
     * account's stream, written by the next batch and not waited for). A hold that was settled
     * (charged) or released already records nothing.
     */
    void fail(Hold hold, Failure failure);

    /**
     * What is recorded of a request that failed outright: what was asked (a model, a chain or a level
     * alias), the power level's code it was routed at (null when unknown), whether its attempts were on
     * the caller's own key, the caller's API key id (null for a signed-in user or the administrator),
     * each failed attempt, and the error's code. Never the prompt, an answer or a secret.
     */
    record Failure(String requestedModel, String powerLevel, boolean byok, String apiKeyId,
                   List<RoutingTrace.Attempt> attempts, String error) {

        public Failure {
            attempts = List.copyOf(attempts);
        }
    }

    /** What a plan reserves: the worst case, whether the request runs only on the caller's own keys, and the plan. */
    record Reservation<P>(MicroCredits estimate, boolean onOwnKeysOnly, P plan) {
    }

    /** Money reserved for one request in flight, until it is settled or released. */
    record Hold(AccountId accountId, RequestId requestId, MicroCredits amount) {
    }

    /** An admitted request: its hold and the plan made for it. */
    record Admitted<P>(Hold hold, P plan) {
    }
}
