package dev.switchgear.application.fakes;

import dev.switchgear.application.port.out.usage.UsageReadModel;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.application.port.out.usage.UsageTotals;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The usage read model in memory, fed {@link UsageCharged} events like the projection (idempotent per request). */
public class InMemoryUsageReadModel implements UsageReadModel {

    private record Row(AccountId account, UsageRecord record) {
    }

    private final Map<String, Row> rows = new ConcurrentHashMap<>();

    /** What the usage projection does with a charge; a charge seen again changes nothing. */
    public void on(UsageCharged e) {
        rows.putIfAbsent(e.accountId().value() + "/" + e.requestId().value(), new Row(e.accountId(),
                new UsageRecord(e.requestId(), e.model(), e.provider(), e.inputTokens(), e.outputTokens(),
                        e.usageEstimated(), e.cost(), e.charged(), e.chargedAt(), e.byok(), e.multiplierBasisPoints(),
                        e.routing(), e.cachedInputTokens(), e.cacheWrite5mTokens(), e.cacheWrite1hTokens(),
                        e.reasoningTokens())));
    }

    @Override
    public List<UsageRecord> find(AccountId accountId, Instant from, Instant to, int limit) {
        return in(accountId, from, to).sorted(Comparator.comparing(UsageRecord::chargedAt)
                        .thenComparing(r -> r.requestId().value()).reversed())
                .limit(limit).toList();
    }

    @Override
    public UsageTotals totals(AccountId accountId, Instant from, Instant to) {
        return sum(in(accountId, from, to));
    }

    @Override
    public UsageTotals totals(AccountId accountId, Instant from, Instant to, boolean byok) {
        return sum(in(accountId, from, to).filter(r -> r.byok() == byok));
    }

    @Override
    public Optional<UsageRecord> byRequest(Optional<AccountId> accountId, RequestId requestId) {
        Predicate<Row> owner = row -> accountId.map(row.account()::equals).orElse(true);
        return rows.values().stream().filter(owner).map(Row::record).filter(r -> r.requestId().equals(requestId))
                .max(Comparator.comparing(UsageRecord::chargedAt));
    }

    private Stream<UsageRecord> in(AccountId accountId, Instant from, Instant to) {
        return rows.values().stream().filter(r -> r.account().equals(accountId)).map(Row::record)
                .filter(r -> !r.chargedAt().isBefore(from) && r.chargedAt().isBefore(to));
    }

    private static UsageTotals sum(Stream<UsageRecord> records) {
        List<UsageRecord> all = records.toList();
        return new UsageTotals(all.size(), all.stream().mapToLong(UsageRecord::inputTokens).sum(),
                all.stream().mapToLong(UsageRecord::outputTokens).sum(),
                all.stream().map(UsageRecord::cost).reduce(MicroCredits.ZERO, MicroCredits::plus),
                all.stream().map(UsageRecord::charged).reduce(MicroCredits.ZERO, MicroCredits::plus));
    }
}
