package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.RequestId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A request the account's ledger admitted failed outright: no candidate answered, so nothing was
 * charged and its hold was given back. It records what was asked ({@code requestedModel}: a model, a
 * chain or a level alias), the power level it was routed at (its code; null when unknown), whether its
 * attempts were on the caller's own key, the id of the gateway API key that made it (never the key or
 * its hash; null for a signed-in user or the administrator), each failed attempt (model, provider,
 * cause, latency), the error the caller was given (its code) and when. No prompt, no answer, no
 * secret. Money is untouched: the balance fold ignores it, and a request id that failed may be charged
 * by a later retry.
 */
@Revision("1")
public record RequestFailed(AccountId accountId, RequestId requestId, String requestedModel, String powerLevel,
                            boolean byok, String apiKeyId, List<RoutingTrace.Attempt> attempts, String error,
                            Instant failedAt) implements CreditAccountEvent {

    public RequestFailed {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }
}
