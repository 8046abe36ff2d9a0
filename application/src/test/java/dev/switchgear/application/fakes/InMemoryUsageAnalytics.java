package dev.switchgear.application.fakes;

import dev.switchgear.application.port.out.usage.Bucket;
import dev.switchgear.application.port.out.usage.Dimension;
import dev.switchgear.application.port.out.usage.UsageAnalytics;
import dev.switchgear.application.port.out.usage.UsagePoint;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.application.port.out.usage.UsageSlice;
import dev.switchgear.domain.credit.api.RequestFailed;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/** The usage analytics in memory: every charge kept once (by account and request id) with its account's tier then. */
public class InMemoryUsageAnalytics implements UsageAnalytics {

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final Map<AccountId, String> tiers = new LinkedHashMap<>();
    private final Map<String, RequestFailed> failures = new LinkedHashMap<>();

    private record Row(UsageCharged charge, String tier) {
    }

    /** The account's tier from now on. */
    public synchronized void tier(AccountId account, String tier) {
        tiers.put(account, tier);
    }

    /** A charge, counted once however often it comes. */
    public synchronized void on(UsageCharged charge) {
        rows.putIfAbsent(charge.accountId().value() + "/" + charge.requestId().value(),
                new Row(charge, tiers.get(charge.accountId())));
    }

    /** A request that failed outright, counted once however often it comes. */
    public synchronized void on(RequestFailed failure) {
        failures.putIfAbsent(failure.accountId().value() + "/" + failure.requestId().value() + "/" + failure.failedAt(),
                failure);
    }

    @Override
    public synchronized List<UsagePoint> series(Optional<AccountId> account, Instant from, Instant to, Bucket bucket) {
        Map<Instant, List<UsageCharged>> byStart = new TreeMap<>();
        for (Row row : select(account, from, to, bucket == Bucket.HOUR ? ChronoUnit.HOURS : ChronoUnit.DAYS)) {
            byStart.computeIfAbsent(start(row.charge.chargedAt(), bucket), s -> new ArrayList<>()).add(row.charge);
        }
        Map<Instant, Long> failed = new TreeMap<>();
        ChronoUnit grain = bucket == Bucket.HOUR ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        for (RequestFailed failure : failures.values()) {
            Instant at = failure.failedAt().truncatedTo(grain);
            if (account.map(failure.accountId()::equals).orElse(true) && !at.isBefore(from) && at.isBefore(to)) {
                failed.merge(start(failure.failedAt(), bucket), 1L, Long::sum);
                byStart.computeIfAbsent(start(failure.failedAt(), bucket), s -> new ArrayList<>());
            }
        }
        List<UsagePoint> points = new ArrayList<>();
        byStart.forEach((start, charges) -> points.add(new UsagePoint(start, charges.size(),
                charges.stream().mapToLong(UsageCharged::inputTokens).sum(),
                charges.stream().mapToLong(UsageCharged::outputTokens).sum(),
                MicroCredits.of(charges.stream().mapToLong(c -> c.cost().value()).sum()),
                charges.stream().filter(UsageCharged::byok).count(),
                charges.stream().filter(UsageCharged::usageEstimated).count(),
                failed.getOrDefault(start, 0L),
                charges.stream().filter(c -> c.routing() != null && c.routing().attempts().stream()
                        .anyMatch(a -> !"ok".equals(a.outcome()))).count())));
        return points;
    }

    @Override
    public synchronized List<UsageSlice> breakdown(Optional<AccountId> account, Instant from, Instant to,
                                                   Dimension by) {
        Function<Row, String> key = switch (by) {
            case PROVIDER -> r -> r.charge.provider();
            case MODEL -> r -> r.charge.model();
            case POWER_LEVEL -> r -> r.charge.routing() == null ? "unknown" : r.charge.routing().powerLevel();
            case TIER -> r -> r.tier == null ? "unknown" : r.tier;
            case KEY_SOURCE -> r -> r.charge.byok() ? "byok" : "platform";
            case API_KEY -> r -> r.charge.apiKeyId() == null ? "unknown" : r.charge.apiKeyId();
        };
        Map<String, List<UsageCharged>> byKey = new TreeMap<>();
        for (Row row : select(account, from, to, ChronoUnit.DAYS)) {
            byKey.computeIfAbsent(key.apply(row), k -> new ArrayList<>()).add(row.charge);
        }
        List<UsageSlice> slices = new ArrayList<>();
        byKey.forEach((k, charges) -> slices.add(new UsageSlice(k, charges.size(),
                charges.stream().mapToLong(c -> c.inputTokens() + c.outputTokens()).sum(),
                MicroCredits.of(charges.stream().mapToLong(c -> c.cost().value()).sum()), 0)));
        slices.sort(Comparator.comparingLong(UsageSlice::requests).reversed().thenComparing(UsageSlice::key));
        return slices;
    }

    @Override
    public synchronized Map<String, Long> requestsByModel(Instant from, Instant to) {
        Map<String, Long> requests = new LinkedHashMap<>();
        for (Row row : select(Optional.empty(), from, to, ChronoUnit.DAYS)) {
            requests.merge(row.charge.model(), 1L, Long::sum);
        }
        return requests;
    }

    @Override
    public void export(AccountId account, Instant from, Instant to, Consumer<UsageRecord> row) {
        List<UsageCharged> charges;
        synchronized (this) {
            charges = rows.values().stream().map(Row::charge).filter(c -> c.accountId().equals(account)
                            && !c.chargedAt().isBefore(from) && c.chargedAt().isBefore(to))
                    .sorted(Comparator.comparing(UsageCharged::chargedAt).thenComparing(c -> c.requestId().value()))
                    .toList();
        }
        charges.forEach(c -> row.accept(new UsageRecord(c.requestId(), c.model(), c.provider(), c.inputTokens(),
                c.outputTokens(), c.usageEstimated(), c.cost(), c.charged(), c.chargedAt(), c.byok(),
                c.multiplierBasisPoints() == 0 ? 10_000 : c.multiplierBasisPoints(), null)));
    }

    /** The rows of the account (any for empty) whose hour or day starts in [from, to). */
    private List<Row> select(Optional<AccountId> account, Instant from, Instant to, ChronoUnit grain) {
        return rows.values().stream().filter(r -> account.map(r.charge.accountId()::equals).orElse(true))
                .filter(r -> {
                    Instant bucket = r.charge.chargedAt().truncatedTo(grain);
                    return !bucket.isBefore(from) && bucket.isBefore(to);
                }).toList();
    }

    private static Instant start(Instant at, Bucket bucket) {
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        return switch (bucket) {
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS).toInstant();
            case DAY -> t.truncatedTo(ChronoUnit.DAYS).toInstant();
            case WEEK -> t.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .atStartOfDay(ZoneOffset.UTC).toInstant();
            case MONTH -> t.toLocalDate().withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        };
    }
}
