package dev.switchgear.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchgear.application.port.out.usage.Bucket;
import dev.switchgear.application.port.out.usage.Dimension;
import dev.switchgear.application.port.out.usage.UsageAnalytics;
import dev.switchgear.application.port.out.usage.UsagePoint;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.application.port.out.usage.UsageSlice;
import dev.switchgear.domain.credit.api.RequestFailed;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UsageAnalytics} must answer, over a small set worked out by hand (in 2033, which
 * no other test writes in; 2033-01-03 is a Monday). Account A is on starter, B on free.
 *
 * <pre>
 * req  account time (UTC)           model / provider   in   out  cost  level     byok failed first  API key
 * c1   A       2033-01-03 09:10     big / prov-a       10   20   300   eco       -    -             ci
 * c2   A       2033-01-03 09:50     small / prov-b     1    2    30    balanced  yes  yes           (none)
 * c3   A       2033-01-04 23:59     big / prov-a       5    5    100   eco       -    -             ci
 * c4   B       2033-01-03 09:30     big / prov-a       7    7    70    (none)    -    -             ci (B's own)
 * </pre>
 * and requests that failed outright (no charge): f1 of A at 2033-01-03 09:20 (two failed attempts;
 * projected twice), f2 of A at 2033-01-04 05:00 (an hour with no charge), f3 of B at 2033-01-03 10:00.
 * (the key id {@code ci} is suffixed per instance, like the model names, so runs sharing a database do not mix).
 */
public abstract class UsageAnalyticsContract {

    protected static final Instant JAN3 = Instant.parse("2033-01-03T00:00:00Z");
    protected static final Instant JAN5 = Instant.parse("2033-01-05T00:00:00Z");

    protected final AccountId a = AccountId.of(UUID.randomUUID());
    protected final AccountId b = AccountId.of(UUID.randomUUID());
    private final String big = "big-" + a.value().substring(0, 6);
    private final String small = "small-" + a.value().substring(0, 6);
    private final String ci = "ci-" + a.value().substring(0, 6);

    protected abstract UsageAnalytics analytics();

    /** Opens the account on the tier, as its AccountOpened would. */
    protected abstract void tier(AccountId account, String tier);

    /** Projects the charge as the usage projection would. */
    protected abstract void project(UsageCharged charge);

    /** Projects a request that failed outright as the usage projection would. */
    protected abstract void project(RequestFailed failure);

    @BeforeEach
    void charges() {
        tier(a, "starter");
        tier(b, "free");
        project(charge(a, "c1", "2033-01-03T09:10:00Z", big, "prov-a", 10, 20, 300, "eco", false, false, ci));
        project(charge(a, "c2", "2033-01-03T09:50:00Z", small, "prov-b", 1, 2, 30, "balanced", true, true, null));
        project(charge(a, "c3", "2033-01-04T23:59:00Z", big, "prov-a", 5, 5, 100, "eco", false, false, ci));
        project(charge(b, "c4", "2033-01-03T09:30:00Z", big, "prov-a", 7, 7, 70, null, false, false, ci));
        project(charge(a, "c1", "2033-01-03T09:10:00Z", big, "prov-a", 10, 20, 300, "eco", false, false, ci));
        project(failure(a, "f1", "2033-01-03T09:20:00Z", 2));
        project(failure(a, "f2", "2033-01-04T05:00:00Z", 1));
        project(failure(b, "f3", "2033-01-03T10:00:00Z", 0));
        project(failure(a, "f1", "2033-01-03T09:20:00Z", 2));
    }

    @Test
    void seriesSumEachBucketOfTheAccountOnce() {
        assertThat(analytics().series(Optional.of(a), JAN3, JAN5, Bucket.DAY)).containsExactly(
                new UsagePoint(JAN3, 2, 11, 22, MicroCredits.of(330), 1, 0, 1, 1),
                new UsagePoint(Instant.parse("2033-01-04T00:00:00Z"), 1, 5, 5, MicroCredits.of(100), 0, 0, 1, 0));
        assertThat(analytics().series(Optional.of(a), JAN3, JAN5, Bucket.HOUR)).extracting(UsagePoint::start,
                UsagePoint::requests, UsagePoint::failedRequests, UsagePoint::fallbackRequests).containsExactly(
                tuple(Instant.parse("2033-01-03T09:00:00Z"), 2L, 1L, 1L),
                tuple(Instant.parse("2033-01-04T05:00:00Z"), 0L, 1L, 0L),
                tuple(Instant.parse("2033-01-04T23:00:00Z"), 1L, 0L, 0L));
        assertThat(analytics().series(Optional.of(a), JAN3, JAN5, Bucket.WEEK)).extracting(UsagePoint::start,
                UsagePoint::requests, UsagePoint::failedRequests).containsExactly(tuple(JAN3, 3L, 2L));
        assertThat(analytics().series(Optional.of(b), JAN3, JAN5, Bucket.DAY)).containsExactly(
                new UsagePoint(JAN3, 1, 7, 7, MicroCredits.of(70), 0, 0, 1, 0));
    }

    @Test
    void requestsThatFailedOutrightAreCountedApartFromChargesAndNeverInABreakdown() {
        // only 2033-01-03's hours 09 and 10: A's f1 (projected twice, counted once) and nothing of B's f3
        assertThat(analytics().series(Optional.of(a), Instant.parse("2033-01-03T09:00:00Z"),
                Instant.parse("2033-01-03T11:00:00Z"), Bucket.HOUR)).extracting(UsagePoint::start,
                UsagePoint::failedRequests).containsExactly(tuple(Instant.parse("2033-01-03T09:00:00Z"), 1L));
        // platform-wide, A's f1 and B's f3 on the 3rd at least (other runs may share the database)
        assertThat(analytics().series(Optional.empty(), JAN3, JAN5, Bucket.DAY)).filteredOn(p -> p.start().equals(JAN3))
                .singleElement().satisfies(p -> assertThat(p.failedRequests()).isGreaterThanOrEqualTo(2));
        // breakdowns count charged requests only
        assertThat(analytics().breakdown(Optional.of(a), JAN3, JAN5, Dimension.KEY_SOURCE))
                .extracting(UsageSlice::requests).containsExactly(2L, 1L);
    }

    @Test
    void breakdownsGroupByTheirDimensionMostRequestsFirst() {
        assertThat(analytics().breakdown(Optional.of(a), JAN3, JAN5, Dimension.PROVIDER)).containsExactly(
                new UsageSlice("prov-a", 2, 40, MicroCredits.of(400), 0),
                new UsageSlice("prov-b", 1, 3, MicroCredits.of(30), 0));
        assertThat(analytics().breakdown(Optional.of(a), JAN3, JAN5, Dimension.KEY_SOURCE))
                .extracting(UsageSlice::key, UsageSlice::requests).containsExactly(tuple("platform", 2L),
                        tuple("byok", 1L));
        assertThat(analytics().breakdown(Optional.of(a), JAN3, JAN5, Dimension.POWER_LEVEL))
                .extracting(UsageSlice::key, UsageSlice::requests).containsExactly(tuple("eco", 2L),
                        tuple("balanced", 1L));
        assertThat(analytics().breakdown(Optional.of(b), JAN3, JAN5, Dimension.POWER_LEVEL))
                .extracting(UsageSlice::key).containsExactly("unknown");
        assertThat(analytics().breakdown(Optional.of(b), JAN3, JAN5, Dimension.TIER))
                .extracting(UsageSlice::key, UsageSlice::requests).containsExactly(tuple("free", 1L));
        assertThat(analytics().breakdown(Optional.of(a), JAN3, JAN5, Dimension.MODEL))
                .extracting(UsageSlice::key, UsageSlice::requests).containsExactly(tuple(big, 2L), tuple(small, 1L));
    }

    @Test
    void theBreakdownByApiKeyIsByKeyIdWithUnknownForChargesWithoutOne() {
        // A: c1 + c3 by ci (2 requests, 30 + 10 tokens, 300 + 100), c2 without a key (1, 3, 30); c1 projected twice counts once
        assertThat(analytics().breakdown(Optional.of(a), JAN3, JAN5, Dimension.API_KEY)).containsExactly(
                new UsageSlice(ci, 2, 40, MicroCredits.of(400), 0),
                new UsageSlice("unknown", 1, 3, MicroCredits.of(30), 0));
        // only January 3rd: c1 and c2 (c3 is on the 4th)
        assertThat(analytics().breakdown(Optional.of(a), JAN3, Instant.parse("2033-01-04T00:00:00Z"),
                Dimension.API_KEY)).containsExactly(
                new UsageSlice(ci, 1, 30, MicroCredits.of(300), 0),
                new UsageSlice("unknown", 1, 3, MicroCredits.of(30), 0));
        // B's key of the same id is B's alone
        assertThat(analytics().breakdown(Optional.of(b), JAN3, JAN5, Dimension.API_KEY)).containsExactly(
                new UsageSlice(ci, 1, 14, MicroCredits.of(70), 0));
        // platform-wide (the administrator's): every account's charges by the key id, c1, c3 and c4
        assertThat(analytics().breakdown(Optional.empty(), JAN3, JAN5, Dimension.API_KEY))
                .filteredOn(s -> s.key().equals(ci)).containsExactly(new UsageSlice(ci, 3, 54, MicroCredits.of(470), 0));
    }

    @Test
    void platformFiguresAndPopularityCountEveryAccount() {
        assertThat(analytics().requestsByModel(JAN3, JAN5)).containsEntry(big, 3L).containsEntry(small, 1L);
        assertThat(analytics().breakdown(Optional.empty(), JAN3, JAN5, Dimension.MODEL))
                .filteredOn(s -> s.key().equals(big) || s.key().equals(small))
                .extracting(UsageSlice::key, UsageSlice::requests).containsExactly(tuple(big, 3L), tuple(small, 1L));
    }

    @Test
    void anExportHandsOverTheAccountsRowsOldestFirst() {
        List<UsageRecord> rows = new ArrayList<>();
        analytics().export(a, JAN3, Instant.parse("2033-01-04T00:00:00Z"), rows::add);
        assertThat(rows).extracting(r -> r.requestId().value(), UsageRecord::model, UsageRecord::byok)
                .containsExactly(tuple("c1", big, false), tuple("c2", small, true));
    }

    private static RequestFailed failure(AccountId account, String id, String at, int attempts) {
        List<RoutingTrace.Attempt> tried = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            tried.add(new RoutingTrace.Attempt("m" + i, "prov-a", false, "unavailable 503", 5));
        }
        return new RequestFailed(account, new RequestId(id), "auto", "eco", false, null, tried,
                "upstream_unavailable", Instant.parse(at));
    }

    private static UsageCharged charge(AccountId account, String id, String at, String model, String provider,
                                       long in, long out, long cost, String level, boolean byok, boolean failedFirst,
                                       String apiKeyId) {
        List<RoutingTrace.Attempt> attempts = new ArrayList<>();
        if (failedFirst) {
            attempts.add(new RoutingTrace.Attempt("x", provider, byok, "timeout", 5));
        }
        attempts.add(new RoutingTrace.Attempt(model, provider, byok, "ok", 9));
        return new UsageCharged(account, new RequestId(id), model, provider, in, out, false, 100, 200,
                MicroCredits.of(cost), MicroCredits.of(cost), MicroCredits.ZERO, MicroCredits.ZERO, Instant.parse(at),
                byok, 10_000, 0, level == null ? null : new RoutingTrace("auto", level, 1, "chat", List.of(model),
                List.of(), attempts), 0, 0, 0, 0, 100, 100, 100, 200, apiKeyId);
    }
}
