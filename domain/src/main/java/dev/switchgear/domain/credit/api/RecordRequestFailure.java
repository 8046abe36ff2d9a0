package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.RequestId;
import java.time.Instant;
import java.util.List;

/**
 * Records that an admitted request failed outright (see {@link RequestFailed}). Like
 * {@link ChargeUsage} it is decided by {@link dev.switchgear.domain.credit.CreditPosition} on the
 * request path when the request's hold is given back, never dispatched one command per request.
 */
public record RecordRequestFailure(AccountId accountId, RequestId requestId, String requestedModel,
                                   String powerLevel, boolean byok, String apiKeyId,
                                   List<RoutingTrace.Attempt> attempts, String error, Instant failedAt) {
}
