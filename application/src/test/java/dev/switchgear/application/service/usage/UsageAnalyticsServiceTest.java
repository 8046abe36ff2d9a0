package dev.switchgear.application.service.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchgear.application.fakes.InMemoryUsageAnalytics;
import dev.switchgear.application.fakes.TestClock;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.in.usage.AnalyticsScope;
import dev.switchgear.application.port.in.usage.UsageOverview;
import dev.switchgear.application.port.out.usage.Bucket;
import dev.switchgear.application.port.out.usage.Dimension;
import dev.switchgear.application.port.out.usage.UsagePoint;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.application.port.out.usage.UsageSlice;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may see which usage, and how ranges become buckets, over the in-memory analytics. */
class UsageAnalyticsServiceTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:34:56Z");
    private final AccountId alice = AccountId.of(UUID.randomUUID());
    private final AccountId bob = AccountId.of(UUID.randomUUID());
    private final InMemoryUsageAnalytics analytics = new InMemoryUsageAnalytics();
    private final UsageAnalyticsService service = new UsageAnalyticsService(analytics, new TestClock(NOW));

    private void charge(AccountId account, String id, String at, String model, long cost) {
        analytics.on(new UsageCharged(account, new RequestId(id), model, "prov", 10, 5, false, 1, 1,
                MicroCredits.of(cost), MicroCredits.of(cost), MicroCredits.ZERO, MicroCredits.ZERO, Instant.parse(at)));
    }

    @Test
    void aSeriesHasEveryBucketOfTheRangeWidenedToWholeBuckets() {
        charge(alice, "a1", "2026-06-14T10:00:00Z", "m", 7);
        List<UsagePoint> days = service.series(Caller.of(alice), AnalyticsScope.own(),
                Instant.parse("2026-06-13T18:00:00Z"), Instant.parse("2026-06-15T00:00:01Z"), Bucket.DAY);
        assertThat(days).extracting(UsagePoint::start, UsagePoint::requests).containsExactly(
                tuple(Instant.parse("2026-06-13T00:00:00Z"), 0L), tuple(Instant.parse("2026-06-14T00:00:00Z"), 1L),
                tuple(Instant.parse("2026-06-15T00:00:00Z"), 0L));
        List<UsagePoint> months = service.series(Caller.of(alice), AnalyticsScope.own(),
                Instant.parse("2026-05-20T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z"), Bucket.MONTH);
        assertThat(months).extracting(UsagePoint::start, UsagePoint::requests).containsExactly(
                tuple(Instant.parse("2026-05-01T00:00:00Z"), 0L), tuple(Instant.parse("2026-06-01T00:00:00Z"), 1L));
        List<UsagePoint> weeks = service.series(Caller.of(alice), AnalyticsScope.own(),
                Instant.parse("2026-06-14T00:00:00Z"), Instant.parse("2026-06-16T00:00:00Z"), Bucket.WEEK);
        assertThat(weeks).extracting(UsagePoint::start).containsExactly(Instant.parse("2026-06-08T00:00:00Z"),
                Instant.parse("2026-06-15T00:00:00Z"));
    }

    @Test
    void anAccountSeesOnlyItsOwnUsageAndNeverThePlatforms() {
        charge(alice, "a1", "2026-06-14T10:00:00Z", "m", 7);
        charge(bob, "b1", "2026-06-14T11:00:00Z", "m", 9);
        Instant from = Instant.parse("2026-06-14T00:00:00Z");
        Instant to = Instant.parse("2026-06-15T00:00:00Z");

        assertThat(service.series(Caller.of(bob), AnalyticsScope.own(), from, to, Bucket.DAY))
                .extracting(UsagePoint::requests).containsExactly(1L);
        assertThatThrownBy(() -> service.series(Caller.of(bob), new AnalyticsScope(Optional.of(alice), false), from,
                to, Bucket.DAY)).isInstanceOfSatisfying(CreditException.class,
                e -> assertThat(e.code()).isEqualTo(CreditError.ACCOUNT_NOT_FOUND));
        assertThatThrownBy(() -> service.breakdown(Caller.of(bob), new AnalyticsScope(Optional.empty(), true), from,
                to, Dimension.MODEL)).isInstanceOfSatisfying(IdentityException.class,
                e -> assertThat(e.code()).isEqualTo(IdentityError.ADMIN_REQUIRED));
        assertThatThrownBy(() -> service.export(Caller.of(bob), new AnalyticsScope(Optional.of(alice), false), from,
                to, r -> { })).isInstanceOf(CreditException.class);

        assertThat(service.series(Caller.administrator(), AnalyticsScope.own(), from, to, Bucket.DAY))
                .extracting(UsagePoint::requests).containsExactly(2L);
        assertThat(service.series(Caller.administrator(), new AnalyticsScope(Optional.of(alice), false), from, to,
                Bucket.DAY)).extracting(UsagePoint::requests).containsExactly(1L);
        assertThat(service.series(Caller.signedIn(bob, true), new AnalyticsScope(Optional.empty(), true), from, to,
                Bucket.DAY)).extracting(UsagePoint::requests).containsExactly(2L);
        assertThat(service.series(Caller.signedIn(bob, true), AnalyticsScope.own(), from, to, Bucket.DAY))
                .extracting(UsagePoint::requests).containsExactly(1L);
    }

    @Test
    void breakdownsCarryEachSlicesShareAndPopularityIsLimited() {
        charge(alice, "a1", "2026-06-14T10:00:00Z", "big", 7);
        charge(alice, "a2", "2026-06-14T11:00:00Z", "big", 7);
        charge(alice, "a3", "2026-06-14T12:00:00Z", "big", 7);
        charge(alice, "a4", "2026-06-14T13:00:00Z", "small", 1);
        Instant from = Instant.parse("2026-06-14T10:30:00Z");
        Instant to = Instant.parse("2026-06-14T10:31:00Z");
        assertThat(service.breakdown(Caller.of(alice), AnalyticsScope.own(), from, to, Dimension.MODEL))
                .as("a breakdown covers whole days").containsExactly(
                        new UsageSlice("big", 3, 45, MicroCredits.of(21), 0.75),
                        new UsageSlice("small", 1, 15, MicroCredits.of(1), 0.25));
        assertThat(service.modelPopularity(Caller.of(alice), from, to, 1)).extracting(UsageSlice::key)
                .containsExactly("big");
        assertThatThrownBy(() -> service.modelPopularity(Caller.of(alice), from, to, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOverviewIsTheLastDaysDailySeriesAndItsFourBreakdowns() {
        charge(alice, "a1", "2026-06-15T01:00:00Z", "big", 7);
        charge(alice, "old", "2026-06-01T01:00:00Z", "big", 7);
        UsageOverview overview = service.overview(Caller.of(alice), AnalyticsScope.own(), 7);
        assertThat(overview.from()).isEqualTo(Instant.parse("2026-06-09T00:00:00Z"));
        assertThat(overview.daily()).hasSize(7);
        assertThat(overview.daily().get(6).requests()).isEqualTo(1);
        assertThat(overview.providers()).extracting(UsageSlice::key, UsageSlice::requests)
                .containsExactly(tuple("prov", 1L));
        assertThat(overview.keySources()).extracting(UsageSlice::key).containsExactly("platform");
        assertThat(overview.powerLevels()).extracting(UsageSlice::key).containsExactly("unknown");
        assertThat(overview.models()).extracting(UsageSlice::key).containsExactly("big");
        assertThatThrownBy(() -> service.overview(Caller.of(alice), AnalyticsScope.own(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rangesThatAreReversedOrTooLongAreRefused() {
        Instant t = Instant.parse("2026-06-14T00:00:00Z");
        assertThatThrownBy(() -> service.series(Caller.of(alice), AnalyticsScope.own(), t, t, Bucket.DAY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before");
        assertThatThrownBy(() -> service.series(Caller.of(alice), AnalyticsScope.own(), t, t.plusSeconds(3600 * 1001),
                Bucket.HOUR)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000");
        assertThat(service.series(Caller.of(alice), AnalyticsScope.own(), t, t.plusSeconds(3600 * 1000), Bucket.HOUR))
                .hasSize(1000);
        assertThatThrownBy(() -> service.breakdown(Caller.of(alice), AnalyticsScope.own(), t,
                t.plusSeconds(86_400L * 800), Dimension.MODEL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> service.export(Caller.administrator(), AnalyticsScope.own(), t, t.plusSeconds(60),
                r -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExportHandsEachRowOnAsItComes() {
        charge(alice, "a1", "2026-06-14T10:00:00Z", "big", 7);
        charge(alice, "a2", "2026-06-14T09:00:00Z", "big", 7);
        List<String> seen = new ArrayList<>();
        service.export(Caller.of(alice), AnalyticsScope.own(), Instant.parse("2026-06-14T00:00:00Z"),
                Instant.parse("2026-06-15T00:00:00Z"), (UsageRecord r) -> seen.add(r.requestId().value()));
        assertThat(seen).containsExactly("a2", "a1");
    }
}
