package dev.switchgear.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.adapter.persistence.readmodel.JooqApiKeyStore;
import dev.switchgear.application.port.out.identity.StoredApiKey;
import dev.switchgear.domain.shared.AccountId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** V6 on a database that already holds keys: the rows issued before keys were events read on, unchanged. */
class ApiKeyMigrationTest {

    @Test
    void keysStoredBeforeV6AreFoundByTheirHashAfterIt() throws Exception {
        String schema = "before_v6_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        PostgresFixture pg = PostgresFixture.INSTANCE;
        Flyway.configure().dataSource(pg.dataSource).schemas(schema).locations("classpath:db/migration")
                .target("5").load().migrate();
        try (Connection connection = DriverManager.getConnection(pg.database.jdbcUrl(), pg.database.user(), null)) {
            DSLContext db = DSL.using(connection, SQLDialect.POSTGRES);
            db.execute("set search_path to " + schema);
            UUID keyId = UUID.randomUUID();
            AccountId account = AccountId.of(UUID.randomUUID());
            String hash = "ab".repeat(32);
            Instant createdAt = Instant.parse("2026-01-02T03:04:05.123456Z");
            db.execute("insert into api_key (key_id, key_hash, prefix, account_id, created_at) values (?, ?, ?, ?, cast(? as timestamptz))",
                    keyId, hash, "sg-Old1", UUID.fromString(account.value()), createdAt.atOffset(ZoneOffset.UTC));

            Flyway.configure().dataSource(pg.dataSource).schemas(schema).locations("classpath:db/migration").load()
                    .migrate();

            JooqApiKeyStore store = new JooqApiKeyStore(db);
            StoredApiKey expected = new StoredApiKey(keyId.toString(), account, null, "sg-Old1", hash, createdAt,
                    null, null, null);
            assertThat(store.findByHash(hash)).contains(expected);
            assertThat(store.find(account, keyId.toString())).contains(expected);
            assertThat(store.listByAccount(account)).containsExactly(expected);
        }
    }
}
