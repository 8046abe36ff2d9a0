package dev.switchgear.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchgear.adapter.persistence.readmodel.JooqUsageAnalytics;
import dev.switchgear.adapter.persistence.readmodel.JooqUsageReadModel;
import dev.switchgear.adapter.persistence.readmodel.UsagePartitions;
import dev.switchgear.application.port.out.usage.Bucket;
import dev.switchgear.application.port.out.usage.Dimension;
import dev.switchgear.application.port.out.usage.UsagePoint;
import dev.switchgear.application.port.out.usage.UsageSlice;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * V9 on a database that already holds usage (rows of {@code usage_record} and the accounts' tier
 * events): the rows move to the partitioned table with their names, tiers and levels, the rollups
 * are built from them, and {@code usage_record} still answers as before; and the monthly partitions'
 * creation ahead and retention. Each in a schema of its own.
 */
class UsageMigrationAndRetentionTest {

    private final PostgresFixture pg = PostgresFixture.INSTANCE;

    @Test
    void usageStoredBeforeV9IsMovedOverAndRolledUp() throws Exception {
        String schema = "before_v9_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Flyway.configure().dataSource(pg.dataSource).schemas(schema).locations("classpath:db/migration")
                .target("7").load().migrate();
        UUID account = UUID.randomUUID();
        try (Connection connection = DriverManager.getConnection(pg.database.jdbcUrl(), pg.database.user(), null)) {
            DSLContext db = DSL.using(connection, SQLDialect.POSTGRES);
            db.execute("set search_path to " + schema);
            // the account opened on free, moved to starter on 2026-02-10 (Jackson's shape of the events)
            event(db, account, 0, "AccountOpened", "{\"accountId\":\"" + account + "\",\"name\":\"Old\",\"tier\":\"free\","
                    + "\"openedAt\":\"2026-01-01T00:00:00Z\"}", "2026-01-01T00:00:00Z");
            event(db, account, 1, "TierChanged", "{\"accountId\":\"" + account + "\",\"tier\":\"starter\","
                    + "\"previousTier\":\"free\",\"at\":\"2026-02-10T00:00:00Z\"}", "2026-02-10T00:00:00Z");
            usage(db, account, "old-1", "2026-01-15T08:30:00Z", "sim-echo", "simulator", 10, 20, 300, false,
                    "{\"requested\":\"auto\",\"powerLevel\":\"eco\",\"catalogVersion\":1,\"chain\":\"chat\","
                            + "\"candidates\":[],\"skipped\":[],\"attempts\":[{\"model\":\"x\",\"provider\":\"y\","
                            + "\"byok\":false,\"outcome\":\"unavailable 503\",\"latencyMillis\":3},{\"model\":\"sim-echo\","
                            + "\"provider\":\"simulator\",\"byok\":false,\"outcome\":\"ok\",\"latencyMillis\":4}]}");
            usage(db, account, "old-2", "2026-01-15T09:10:00Z", "sim-echo", "simulator", 1, 2, 30, true, null);
            usage(db, account, "old-3", "2026-02-20T12:00:00Z", "gpt-x", "openai", 100, 100, 5000, false, null);

            Flyway.configure().dataSource(pg.dataSource).schemas(schema).locations("classpath:db/migration").load()
                    .migrate();

            AccountId id = AccountId.of(account);
            JooqUsageReadModel legacy = new JooqUsageReadModel(db, pg.json);
            assertThat(legacy.totals(id, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z")))
                    .isEqualTo(new dev.switchgear.application.port.out.usage.UsageTotals(3, 111, 122,
                            MicroCredits.of(5330), MicroCredits.of(5330)));
            assertThat(legacy.byRequest(Optional.of(id), new RequestId("old-1")).orElseThrow().routing().powerLevel())
                    .isEqualTo("eco");
            JooqUsageAnalytics analytics = new JooqUsageAnalytics(db);
            Instant january = Instant.parse("2026-01-01T00:00:00Z");
            Instant march = Instant.parse("2026-03-01T00:00:00Z");
            assertThat(analytics.series(Optional.of(id), january, march, Bucket.MONTH)).containsExactly(
                    new UsagePoint(january, 2, 11, 22, MicroCredits.of(330), 1, 0, 0, 1),
                    new UsagePoint(Instant.parse("2026-02-01T00:00:00Z"), 1, 100, 100, MicroCredits.of(5000), 0, 0, 0, 0));
            assertThat(analytics.series(Optional.empty(), Instant.parse("2026-01-15T08:00:00Z"),
                    Instant.parse("2026-01-15T10:00:00Z"), Bucket.HOUR)).extracting(UsagePoint::requests)
                    .containsExactly(1L, 1L);
            assertThat(analytics.breakdown(Optional.of(id), january, march, Dimension.TIER))
                    .extracting(UsageSlice::key, UsageSlice::requests)
                    .containsExactly(tuple("free", 2L), tuple("starter", 1L));
            assertThat(analytics.breakdown(Optional.of(id), january, march, Dimension.POWER_LEVEL))
                    .extracting(UsageSlice::key, UsageSlice::requests)
                    .containsExactly(tuple("unknown", 2L), tuple("eco", 1L));
            assertThat(db.fetchValue("select tier_id = (select id from usage_label where kind = 't' and name = "
                    + "'starter') from usage_account where account_id = ?::uuid", account)).isEqualTo(true);
        }
    }

    @Test
    void partitionsAreCreatedAheadAndDroppedAfterTheRetention() throws Exception {
        String schema = "retention_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Flyway.configure().dataSource(pg.dataSource).schemas(schema).locations("classpath:db/migration").load()
                .migrate();
        try (Connection connection = DriverManager.getConnection(pg.database.jdbcUrl(), pg.database.user(), null)) {
            DSLContext db = DSL.using(connection, SQLDialect.POSTGRES);
            db.execute("set search_path to " + schema);
            UsagePartitions partitions = new UsagePartitions(db);
            partitions.createAhead(LocalDate.parse("2040-01-15"), 2);
            assertThat(partitions.partitions()).contains("usage_row_204001", "usage_row_204002", "usage_row_204003");
            db.execute("insert into usage_row (account_id, request_id, charged_at, model_id, provider_id, input_tokens, "
                    + "output_tokens, usage_estimated, byok, input_price_per_1k, output_price_per_1k, cost_micros, "
                    + "charged_micros, uncollected_micros, balance_after_micros, multiplier_bp) values (?::uuid, 'old', "
                    + "'2040-01-20T00:00:00Z', 1, 1, 1, 1, false, false, 0, 0, 0, 0, 0, 0, 10000)", UUID.randomUUID());

            // a retention of one month on 2040-03-10 keeps February and March and drops January
            assertThat(partitions.dropExpired(LocalDate.parse("2040-03-10"), 1)).isPositive();

            assertThat(partitions.partitions()).doesNotContain("usage_row_204001")
                    .contains("usage_row_204002", "usage_row_204003");
            assertThat(db.fetchValue("select count(*) from usage_row where request_id = 'old'")).isEqualTo(0L);
            assertThat(partitions.dropExpired(LocalDate.parse("2040-03-10"), 1)).isZero();
        }
    }

    private static void event(DSLContext db, UUID account, long sequence, String type, String payload, String at) {
        db.execute("insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, "
                        + "payload, payloadrevision, payloadtype, timestamp) values (?, ?, 'CreditAccount', ?, null, "
                        + "convert_to(?, 'UTF8'), '1', ?, ?)", account.toString(), sequence,
                UUID.randomUUID().toString(), payload, "dev.switchgear.domain.credit.api." + type, at);
    }

    private static void usage(DSLContext db, UUID account, String requestId, String at, String model, String provider,
                              long in, long out, long cost, boolean byok, String routing) {
        db.execute("insert into usage_record (account_id, request_id, model, provider, input_tokens, output_tokens, "
                        + "usage_estimated, input_price_per_1k, output_price_per_1k, cost_micros, charged_micros, "
                        + "uncollected_micros, balance_after_micros, charged_at, byok, routing) values (?::uuid, ?, ?, ?, "
                        + "?, ?, false, 100, 200, ?, ?, 0, 0, ?::timestamptz, ?, ?::jsonb)", account, requestId, model,
                provider, in, out, cost, cost, at, byok, routing);
    }
}
