package dev.switchgear.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchgear.adapter.persistence.eventstore.ChargedRequestIndex;
import dev.switchgear.domain.credit.api.CreditsGranted;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * V15 on a store that already holds charges: the index of charged request ids is built from the
 * UsageCharged events as Axon's Jackson serializer wrote them (of every account, and only those),
 * so an id charged before the upgrade is still refused after it. In a schema of its own.
 */
class ChargedRequestIndexMigrationTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private final PostgresFixture pg = PostgresFixture.INSTANCE;

    @Test
    void chargesStoredBeforeV15AreIndexedByTheMigration() throws Exception {
        String schema = "before_v15_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Flyway.configure().dataSource(pg.dataSource).schemas(schema).locations("classpath:db/migration")
                .target("14").load().migrate();
        AccountId a = AccountId.of(UUID.randomUUID());
        AccountId b = AccountId.of(UUID.randomUUID());
        try (Connection connection = DriverManager.getConnection(pg.database.jdbcUrl(), pg.database.user(), null)) {
            DSLContext db = DSL.using(connection, SQLDialect.POSTGRES);
            db.execute("set search_path to " + schema);
            event(db, a, 0, new CreditsGranted(a, MicroCredits.of(1_000_000), "seed", MicroCredits.of(1_000_000), T0));
            event(db, a, 1, charged(a, "chatcmpl-early"));
            event(db, a, 2, charged(a, "client-key-7"));
            event(db, b, 0, charged(b, "client-key-7"));

            Flyway.configure().dataSource(pg.dataSource).schemas(schema).locations("classpath:db/migration").load()
                    .migrate();

            assertThat(db.fetch("select account_id::text, request_id from charged_request order by 1, 2"))
                    .extracting(r -> r.get(0, String.class), r -> r.get(1, String.class))
                    .containsExactlyInAnyOrder(tuple(a.value(), "chatcmpl-early"), tuple(a.value(), "client-key-7"),
                            tuple(b.value(), "client-key-7"));
            ChargedRequestIndex index = new ChargedRequestIndex(db);
            assertThat(index.contains(a, new RequestId("chatcmpl-early"))).isTrue();
            assertThat(index.contains(b, new RequestId("chatcmpl-early"))).isFalse();
            assertThat(index.contains(a, new RequestId("seed"))).as("a grant is no charge").isFalse();
        }
    }

    private static UsageCharged charged(AccountId id, String requestId) {
        return new UsageCharged(id, new RequestId(requestId), "sim-echo", "simulator", 10, 20, false, 150_000, 600_000,
                MicroCredits.of(13_500), MicroCredits.of(13_500), MicroCredits.ZERO, MicroCredits.of(986_500), T0);
    }

    private void event(DSLContext db, AccountId account, long sequence, Object payload) throws Exception {
        db.execute("insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, "
                        + "payload, payloadrevision, payloadtype, timestamp) values (?, ?, 'CreditAccount', ?, null, "
                        + "convert_to(?, 'UTF8'), null, ?, ?)", account.value(), sequence, UUID.randomUUID().toString(),
                pg.json.writeValueAsString(payload), payload.getClass().getName(), T0.toString());
    }
}
