package dev.switchgear.application.service.keyring;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.keyring.ByokStats;
import dev.switchgear.application.port.in.keyring.ByokStatsUseCase;
import dev.switchgear.application.port.in.keyring.ProviderKeyView;
import dev.switchgear.application.port.out.keyring.ProviderKeyReadModel;
import dev.switchgear.application.port.out.usage.UsageReadModel;
import dev.switchgear.application.port.out.usage.UsageTotals;
import dev.switchgear.domain.shared.AccountId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A caller's keys counted (per provider, due for a test, failing) and its usage on its own keys against the platform's. */
public class ByokStatsService implements ByokStatsUseCase {

    private final ProviderKeyReadModel readModel;
    private final UsageReadModel usage;
    private final Clock clock;

    public ByokStatsService(ProviderKeyReadModel readModel, UsageReadModel usage, Clock clock) {
        this.readModel = readModel;
        this.usage = usage;
        this.clock = clock;
    }

    @Override
    public ByokStats stats(Caller caller) {
        AccountId account = caller.account();
        Instant now = clock.instant();
        List<ProviderKeyView> views = readModel.keysOf(account).stream().map(k -> ProviderKeyViews.view(k, now))
                .toList();
        Map<String, Integer> byProvider = new TreeMap<>();
        views.forEach(v -> byProvider.merge(v.provider(), 1, Integer::sum));
        int needing = (int) views.stream().filter(ProviderKeyView::needsTest).count();
        int failing = (int) views.stream().filter(v -> v.lastTest().map(t -> !"valid".equals(t.status())).orElse(false))
                .count();
        UsageTotals byok = usage.totals(account, Instant.EPOCH, now.plusSeconds(1), true);
        UsageTotals platform = usage.totals(account, Instant.EPOCH, now.plusSeconds(1), false);
        return new ByokStats(views.size(), new LinkedHashMap<>(byProvider), needing, failing, byok.requests(),
                byok.inputTokens(), byok.outputTokens(), platform.requests());
    }
}
