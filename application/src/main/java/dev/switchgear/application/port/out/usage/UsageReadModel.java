package dev.switchgear.application.port.out.usage;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.List;

/** The usage read model, written by the usage projection from UsageCharged events. */
public interface UsageReadModel {

    /** Rows in [from, to), newest first, at most {@code limit}. */
    List<UsageRecord> find(AccountId accountId, Instant from, Instant to, int limit);

    UsageTotals totals(AccountId accountId, Instant from, Instant to);

    /** One charged request: of this account, or of any account when {@code accountId} is empty. */
    java.util.Optional<UsageRecord> byRequest(java.util.Optional<AccountId> accountId,
                                              dev.switchgear.domain.shared.RequestId requestId);

    /** Sums over [from, to) of the calls made on the caller's own keys ({@code byok}) or on the platform's. */
    UsageTotals totals(AccountId accountId, Instant from, Instant to, boolean byok);
}
