package dev.switchgear.application.port.in.usage;

import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.application.port.out.usage.UsageTotals;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.List;

/**
 * Usage of one account over [from, to): rows (at most {@code rowLimit}, newest first; {@code truncated}
 * says more exist) and totals over every request in the range.
 */
public record UsageReport(AccountId accountId, Instant from, Instant to, List<UsageRecord> rows, UsageTotals totals,
                          int rowLimit, boolean truncated) {
}
