package dev.switchgear.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchgear.adapter.persistence.readmodel.JooqUsageAnalytics;
import dev.switchgear.adapter.persistence.readmodel.UsageProjection;
import dev.switchgear.application.port.out.usage.Bucket;
import dev.switchgear.application.port.out.usage.Dimension;
import dev.switchgear.application.port.out.usage.UsagePoint;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.application.port.out.usage.UsageSlice;
import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.TierChanged;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.credit.api.RequestFailed;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The usage projection's raw rows and rollups and the analytics reads over them, on real
 * PostgreSQL, against a small data set whose answers are worked out by hand (in March and April
 * 2032, a range no other test writes in; 2032-03-01 is a Monday). Account A opens on starter and
 * moves to professional on 2032-03-03; B is on free.
 *
 * <pre>
 * req  account time (UTC)           model/provider  in    out   cost   level      byok est failed tier
 * a1   A       2032-03-01 10:15     m-large/p-one   100   50    1000   eco        -    -   -      starter
 * a2   A       2032-03-01 10:45     m-small/p-two   10    5     200    balanced   yes  yes yes    starter
 * a3   A       2032-03-01 11:05     m-large/p-one   200   100   2000   eco        -    -   -      starter
 * a4   A       2032-03-08 00:00     m-large/p-one   1     1     10     precision  -    -   -      professional
 * a5   A       2032-04-01 00:30     m-small/p-two   5     5     50     (none)     -    -   -      professional
 * b1   B       2032-03-01 10:20     m-large/p-one   1000  1000  99999  eco        -    -   -      free
 * </pre>
 * and f1, a request of A that failed outright at 2032-03-01 10:30 (two attempts failed; nothing
 * charged), in A's batch.
 */
class UsageAnalyticsOnPostgresTest {

    private static final PostgresFixture PG = PostgresFixture.INSTANCE;
    private static final AccountId A = AccountId.of(UUID.randomUUID());
    private static final AccountId B = AccountId.of(UUID.randomUUID());
    private static final Instant MARCH = Instant.parse("2032-03-01T00:00:00Z");
    private static final Instant MAY = Instant.parse("2032-05-01T00:00:00Z");
    private static final String LARGE = "m-large-" + A.value().substring(0, 8);
    private static final String SMALL = "m-small-" + A.value().substring(0, 8);

    private static final JooqUsageAnalytics ANALYTICS = new JooqUsageAnalytics(PG.db);
    private static final List<UsageCharged> CHARGES = List.of(
            charge(A, "a1", "2032-03-01T10:15:00Z", LARGE, "p-one", 100, 50, 1000, "eco", false, false, false),
            charge(A, "a2", "2032-03-01T10:45:00Z", SMALL, "p-two", 10, 5, 200, "balanced", true, true, true),
            charge(A, "a3", "2032-03-01T11:05:00Z", LARGE, "p-one", 200, 100, 2000, "eco", false, false, false),
            charge(A, "a4", "2032-03-08T00:00:00Z", LARGE, "p-one", 1, 1, 10, "precision", false, false, false),
            charge(A, "a5", "2032-04-01T00:30:00Z", SMALL, "p-two", 5, 5, 50, null, false, false, false));
    private static final RequestFailed F1 = new RequestFailed(A, new RequestId("f1"), "auto", "eco", false, "ci",
            List.of(new RoutingTrace.Attempt(LARGE, "p-one", false, "unavailable 503", 7),
                    new RoutingTrace.Attempt(SMALL, "p-two", false, "timeout", 30_000)),
            "upstream_unavailable", Instant.parse("2032-03-01T10:30:00Z"));

    @BeforeAll
    static void project() throws Exception {
        UsageProjection projection = new UsageProjection(PG.db, PG.json);
        // A's whole story in one batch (one unit of work), B's event by event
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        handle(projection, new AccountOpened(A, "A", Tier.STARTER, MARCH));
        for (UsageCharged charge : CHARGES.subList(0, 3)) {
            handle(projection, charge);
        }
        handle(projection, F1);
        handle(projection, new TierChanged(A, Tier.PROFESSIONAL, Tier.STARTER, Instant.parse("2032-03-03T00:00:00Z")));
        handle(projection, CHARGES.get(3));
        handle(projection, CHARGES.get(4));
        batch.commit();
        handle(projection, new AccountOpened(B, "B", Tier.FREE, MARCH));
        handle(projection, charge(B, "b1", "2032-03-01T10:20:00Z", LARGE, "p-one", 1000, 1000, 99_999, "eco", false,
                false, false));
    }

    @Test
    void anHourlySeriesSumsEachHour() {
        assertThat(ANALYTICS.series(Optional.of(A), Instant.parse("2032-03-01T10:00:00Z"),
                Instant.parse("2032-03-01T12:00:00Z"), Bucket.HOUR)).containsExactly(
                new UsagePoint(Instant.parse("2032-03-01T10:00:00Z"), 2, 110, 55, MicroCredits.of(1200), 1, 1, 1, 1),
                new UsagePoint(Instant.parse("2032-03-01T11:00:00Z"), 1, 200, 100, MicroCredits.of(2000), 0, 0, 0, 0));
    }

    @Test
    void dailyWeeklyAndMonthlySeriesComeFromTheDailyRollup() {
        assertThat(ANALYTICS.series(Optional.of(A), MARCH, MAY, Bucket.DAY)).containsExactly(
                new UsagePoint(MARCH, 3, 310, 155, MicroCredits.of(3200), 1, 1, 1, 1),
                new UsagePoint(Instant.parse("2032-03-08T00:00:00Z"), 1, 1, 1, MicroCredits.of(10), 0, 0, 0, 0),
                new UsagePoint(Instant.parse("2032-04-01T00:00:00Z"), 1, 5, 5, MicroCredits.of(50), 0, 0, 0, 0));
        assertThat(ANALYTICS.series(Optional.of(A), MARCH, Instant.parse("2032-03-15T00:00:00Z"), Bucket.WEEK))
                .extracting(UsagePoint::start, UsagePoint::requests, p -> p.cost().value())
                .containsExactly(tuple(MARCH, 3L, 3200L), tuple(Instant.parse("2032-03-08T00:00:00Z"), 1L, 10L));
        assertThat(ANALYTICS.series(Optional.of(A), MARCH, MAY, Bucket.MONTH))
                .extracting(UsagePoint::start, UsagePoint::requests, p -> p.cost().value())
                .containsExactly(tuple(MARCH, 4L, 3210L), tuple(Instant.parse("2032-04-01T00:00:00Z"), 1L, 50L));
    }

    @Test
    void anAccountsBreakdownsByEachDimension() {
        assertThat(ANALYTICS.breakdown(Optional.of(A), MARCH, MAY, Dimension.PROVIDER)).containsExactly(
                new UsageSlice("p-one", 3, 452, MicroCredits.of(3010), 0),
                new UsageSlice("p-two", 2, 25, MicroCredits.of(250), 0));
        assertThat(ANALYTICS.breakdown(Optional.of(A), MARCH, MAY, Dimension.MODEL))
                .extracting(UsageSlice::key, UsageSlice::requests).containsExactly(tuple(LARGE, 3L), tuple(SMALL, 2L));
        assertThat(ANALYTICS.breakdown(Optional.of(A), MARCH, MAY, Dimension.POWER_LEVEL))
                .extracting(UsageSlice::key, UsageSlice::requests)
                .containsExactly(tuple("eco", 2L), tuple("balanced", 1L), tuple("precision", 1L), tuple("unknown", 1L));
        assertThat(ANALYTICS.breakdown(Optional.of(A), MARCH, MAY, Dimension.KEY_SOURCE))
                .extracting(UsageSlice::key, UsageSlice::requests, s -> s.cost().value())
                .containsExactly(tuple("platform", 4L, 3060L), tuple("byok", 1L, 200L));
        assertThat(ANALYTICS.breakdown(Optional.of(A), MARCH, MAY, Dimension.TIER))
                .extracting(UsageSlice::key, UsageSlice::requests)
                .containsExactly(tuple("starter", 3L), tuple("professional", 2L));
    }

    @Test
    void platformWideFiguresAddEveryAccount() {
        assertThat(ANALYTICS.breakdown(Optional.empty(), MARCH, MAY, Dimension.TIER))
                .extracting(UsageSlice::key, UsageSlice::requests)
                .containsExactly(tuple("starter", 3L), tuple("professional", 2L), tuple("free", 1L));
        assertThat(ANALYTICS.series(Optional.empty(), Instant.parse("2032-03-01T10:00:00Z"),
                Instant.parse("2032-03-01T11:00:00Z"), Bucket.HOUR)).containsExactly(
                new UsagePoint(Instant.parse("2032-03-01T10:00:00Z"), 3, 1110, 1055, MicroCredits.of(101_199), 1, 1, 1, 1));
        Map<String, Long> popularity = ANALYTICS.requestsByModel(MARCH, MAY);
        assertThat(popularity).containsEntry(LARGE, 4L).containsEntry(SMALL, 2L);
        assertThat(ANALYTICS.breakdown(Optional.of(B), MARCH, MAY, Dimension.PROVIDER))
                .containsExactly(new UsageSlice("p-one", 1, 2000, MicroCredits.of(99_999), 0));
    }

    @Test
    void projectingTheSameChargesAgainCountsNothingTwice() throws Exception {
        UsageProjection projection = new UsageProjection(PG.db, PG.json);
        projection.project(CHARGES);
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        for (UsageCharged charge : CHARGES) {
            handle(projection, charge);
        }
        handle(projection, F1);
        batch.commit();
        handle(projection, F1);
        assertThat(ANALYTICS.series(Optional.of(A), MARCH, MAY, Bucket.MONTH))
                .extracting(UsagePoint::requests).containsExactly(4L, 1L);
        assertThat(ANALYTICS.series(Optional.of(A), Instant.parse("2032-03-01T10:00:00Z"),
                Instant.parse("2032-03-01T11:00:00Z"), Bucket.HOUR)).extracting(UsagePoint::requests)
                .containsExactly(2L);
        assertThat(PG.db.fetchValue("select count(*) from usage_row where account_id = ?::uuid",
                UUID.fromString(A.value()))).isEqualTo(5L);
        assertThat(ANALYTICS.series(Optional.of(A), MARCH, MAY, Bucket.MONTH))
                .extracting(UsagePoint::failedRequests).containsExactly(1L, 0L);
    }

    @Test
    void aFailureIsKeptWithWhatWasAskedAndItsAttemptsCausesAndNoCharge() {
        var row = PG.db.fetchOne("select requested_model, power_level, byok, api_key_id, error, attempts::text "
                + "from usage_failure where account_id = ?::uuid and request_id = 'f1'", UUID.fromString(A.value()));
        assertThat(row).isNotNull();
        assertThat(row.get(0, String.class)).isEqualTo("auto");
        assertThat(row.get(1, String.class)).isEqualTo("eco");
        assertThat(row.get(2, Boolean.class)).isFalse();
        assertThat(row.get(3, String.class)).isEqualTo("ci");
        assertThat(row.get(4, String.class)).isEqualTo("upstream_unavailable");
        assertThat(row.get(5, String.class)).contains("unavailable 503").contains("timeout");
        assertThat(PG.db.fetchValue("select count(*) from usage_row where account_id = ?::uuid and request_id = 'f1'",
                UUID.fromString(A.value()))).isEqualTo(0L);
    }

    @Test
    void theExportHandsOverEveryRowOldestFirstWithItsNames() {
        List<UsageRecord> rows = new ArrayList<>();
        ANALYTICS.export(A, MARCH, MAY, rows::add);
        assertThat(rows).extracting(r -> r.requestId().value(), UsageRecord::model, UsageRecord::provider,
                        UsageRecord::byok, UsageRecord::usageEstimated)
                .containsExactly(tuple("a1", LARGE, "p-one", false, false), tuple("a2", SMALL, "p-two", true, true),
                        tuple("a3", LARGE, "p-one", false, false), tuple("a4", LARGE, "p-one", false, false),
                        tuple("a5", SMALL, "p-two", false, false));
        List<UsageRecord> none = new ArrayList<>();
        ANALYTICS.export(AccountId.of(UUID.randomUUID()), MARCH, MAY, none::add);
        assertThat(none).isEmpty();
    }

    @Test
    void theExportReadsThroughACursorInATransactionNotAllAtOnce() {
        List<String> seen = new ArrayList<>();
        DataSource recording = recording(PG.dataSource, seen);
        JooqUsageAnalytics analytics = new JooqUsageAnalytics(DSL.using(recording, SQLDialect.POSTGRES));
        List<UsageRecord> rows = new ArrayList<>();
        analytics.export(A, MARCH, MAY, rows::add);
        assertThat(rows).hasSize(5);
        // PostgreSQL's driver streams a result set only with a fetch size, outside auto-commit
        assertThat(seen).contains("setFetchSize(500)", "execute with autoCommit=false");
        assertThat(seen).doesNotContain("execute with autoCommit=true");
    }

    @Test
    void theLegacyTableIsAViewThatStillAnswers() {
        assertThat(PG.db.fetchValue("select count(*) from usage_record where account_id = ?::uuid and model = ?",
                UUID.fromString(A.value()), LARGE)).isEqualTo(3L);
    }

    private static UsageCharged charge(AccountId account, String id, String at, String model, String provider, long in,
                                       long out, long cost, String level, boolean byok, boolean estimated,
                                       boolean failedFirst) {
        List<RoutingTrace.Attempt> attempts = new ArrayList<>();
        if (failedFirst) {
            attempts.add(new RoutingTrace.Attempt("other", provider, byok, "unavailable 503", 5));
        }
        attempts.add(new RoutingTrace.Attempt(model, provider, byok, "ok", 20));
        RoutingTrace trace = level == null ? null
                : new RoutingTrace("auto", level, 3, "chat", List.of(model), List.of(), attempts);
        return new UsageCharged(account, new RequestId(id), model, provider, in, out, estimated, 100, 200,
                MicroCredits.of(cost), MicroCredits.of(cost), MicroCredits.ZERO, MicroCredits.of(1_000_000),
                Instant.parse(at), byok, 10_000, 0, trace);
    }

    private static void handle(UsageProjection projection, Object event) throws Exception {
        Method on = UsageProjection.class.getDeclaredMethod("on", event.getClass());
        on.setAccessible(true);
        on.invoke(projection, event);
    }

    /** The data source, noting each statement's fetch size and the auto-commit mode it ran in. */
    private static DataSource recording(DataSource target, List<String> seen) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = method.invoke(target, args);
                    if (result instanceof Connection connection) {
                        return wrap(Connection.class, connection, (p, m, a) -> {
                            Object inner = m.invoke(connection, a);
                            if (inner instanceof PreparedStatement statement) {
                                return wrap(PreparedStatement.class, statement, (sp, sm, sa) -> {
                                    if (sm.getName().equals("setFetchSize")) {
                                        seen.add("setFetchSize(" + sa[0] + ")");
                                    }
                                    if (sm.getName().startsWith("execute")) {
                                        seen.add("execute with autoCommit=" + connection.getAutoCommit());
                                    }
                                    return sm.invoke(statement, sa);
                                });
                            }
                            return inner;
                        });
                    }
                    return result;
                });
    }

    private static <T> T wrap(Class<T> type, T target, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
