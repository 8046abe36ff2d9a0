package dev.switchgear.application.port.in.usage;

import dev.switchgear.application.port.out.usage.UsagePoint;
import dev.switchgear.application.port.out.usage.UsageSlice;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An account's (or the platform's) dashboard over a range: the daily series and the breakdowns by
 * provider, key source (BYOK or platform), power level and model (the model ranking).
 */
public record UsageOverview(Optional<AccountId> account, Instant from, Instant to, List<UsagePoint> daily,
                            List<UsageSlice> providers, List<UsageSlice> keySources, List<UsageSlice> powerLevels,
                            List<UsageSlice> models) {
}
