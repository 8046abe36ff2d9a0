package dev.switchgear.application.service.usage;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.in.usage.AnalyticsScope;
import dev.switchgear.application.port.in.usage.UsageAnalyticsUseCase;
import dev.switchgear.application.port.in.usage.UsageOverview;
import dev.switchgear.application.port.out.usage.Bucket;
import dev.switchgear.application.port.out.usage.Dimension;
import dev.switchgear.application.port.out.usage.UsageAnalytics;
import dev.switchgear.application.port.out.usage.UsagePoint;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.application.port.out.usage.UsageSlice;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.shared.AccountId;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Usage analytics over the rollups, limited to what the caller may see (see {@link UsageAnalyticsUseCase}). */
public class UsageAnalyticsService implements UsageAnalyticsUseCase {

    /** The most points one series may have. */
    public static final int MAX_POINTS = 1_000;
    /** The longest range of a breakdown, popularity or export. */
    public static final Duration MAX_RANGE = Duration.ofDays(732);

    private final UsageAnalytics analytics;
    private final Clock clock;

    public UsageAnalyticsService(UsageAnalytics analytics, Clock clock) {
        this.analytics = analytics;
        this.clock = clock;
    }

    @Override
    public List<UsagePoint> series(Caller caller, AnalyticsScope scope, Instant from, Instant to, Bucket bucket) {
        Optional<AccountId> account = resolve(caller, scope);
        checkRange(from, to);
        Instant start = floor(from, bucket);
        List<Instant> starts = new ArrayList<>();
        for (Instant s = start; s.isBefore(to); s = next(s, bucket)) {
            if (starts.size() == MAX_POINTS) {
                throw new IllegalArgumentException("the range holds more than " + MAX_POINTS + " " + bucket.name()
                        + " buckets: ask for a shorter range or a wider bucket");
            }
            starts.add(s);
        }
        Instant end = next(starts.get(starts.size() - 1), bucket);
        Map<Instant, UsagePoint> found = new HashMap<>();
        for (UsagePoint point : analytics.series(account, start, end, bucket)) {
            found.put(point.start(), point);
        }
        return starts.stream().map(s -> found.getOrDefault(s, UsagePoint.empty(s))).toList();
    }

    @Override
    public List<UsageSlice> breakdown(Caller caller, AnalyticsScope scope, Instant from, Instant to, Dimension by) {
        Optional<AccountId> account = resolve(caller, scope);
        checkLongRange(from, to);
        return withShares(analytics.breakdown(account, floor(from, Bucket.DAY), ceilDay(to), by));
    }

    @Override
    public List<UsageSlice> modelPopularity(Caller caller, Instant from, Instant to, int limit) {
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit is 1 to 100");
        }
        List<UsageSlice> models = breakdown(caller, AnalyticsScope.own(), from, to, Dimension.MODEL);
        return models.size() <= limit ? models : List.copyOf(models.subList(0, limit));
    }

    @Override
    public UsageOverview overview(Caller caller, AnalyticsScope scope, int days) {
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("days is 1 to 366");
        }
        Optional<AccountId> account = resolve(caller, scope);
        Instant to = clock.instant();
        Instant from = floor(to, Bucket.DAY).minus(Duration.ofDays(days - 1L));
        AnalyticsScope resolved = account.map(a -> new AnalyticsScope(Optional.of(a), false))
                .orElse(new AnalyticsScope(Optional.empty(), true));
        return new UsageOverview(account, from, to, series(caller, resolved, from, to, Bucket.DAY),
                breakdown(caller, resolved, from, to, Dimension.PROVIDER),
                breakdown(caller, resolved, from, to, Dimension.KEY_SOURCE),
                breakdown(caller, resolved, from, to, Dimension.POWER_LEVEL),
                breakdown(caller, resolved, from, to, Dimension.MODEL));
    }

    @Override
    public void export(Caller caller, AnalyticsScope scope, Instant from, Instant to, Consumer<UsageRecord> row) {
        AccountId account = resolve(caller, scope).orElseThrow(() -> new IllegalArgumentException(
                "an export is of one account: name it"));
        checkLongRange(from, to);
        analytics.export(account, from, to, row);
    }

    /** The account asked about (empty: the platform), or the refusal. */
    private static Optional<AccountId> resolve(Caller caller, AnalyticsScope scope) {
        if (scope.platformWide()) {
            if (!caller.admin()) {
                throw new IdentityException(IdentityError.ADMIN_REQUIRED, "only the administrator sees usage "
                        + "platform-wide");
            }
            return Optional.empty();
        }
        if (scope.account().isPresent()) {
            AccountId named = scope.account().get();
            if (!caller.canSee(named)) {
                throw new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
            }
            return Optional.of(named);
        }
        return caller.accountId();
    }

    private static void checkRange(Instant from, Instant to) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new IllegalArgumentException("`from` must be before `to`");
        }
    }

    private static void checkLongRange(Instant from, Instant to) {
        checkRange(from, to);
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new IllegalArgumentException("the range may be at most " + MAX_RANGE.toDays() + " days");
        }
    }

    private static List<UsageSlice> withShares(List<UsageSlice> slices) {
        long total = slices.stream().mapToLong(UsageSlice::requests).sum();
        return slices.stream().map(s -> s.withShareOf(total)).toList();
    }

    private static Instant ceilDay(Instant to) {
        Instant floor = floor(to, Bucket.DAY);
        return floor.equals(to) ? to : floor.plus(Duration.ofDays(1));
    }

    /** The start of the bucket holding {@code at} (UTC). */
    static Instant floor(Instant at, Bucket bucket) {
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        return switch (bucket) {
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS).toInstant();
            case DAY -> t.truncatedTo(ChronoUnit.DAYS).toInstant();
            case WEEK -> t.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .atStartOfDay(ZoneOffset.UTC).toInstant();
            case MONTH -> LocalDate.of(t.getYear(), t.getMonth(), 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        };
    }

    private static Instant next(Instant start, Bucket bucket) {
        ZonedDateTime t = start.atZone(ZoneOffset.UTC);
        return switch (bucket) {
            case HOUR -> t.plusHours(1).toInstant();
            case DAY -> t.plusDays(1).toInstant();
            case WEEK -> t.plusWeeks(1).toInstant();
            case MONTH -> t.plusMonths(1).toInstant();
        };
    }
}
