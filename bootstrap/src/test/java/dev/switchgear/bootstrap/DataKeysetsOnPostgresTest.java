package dev.switchgear.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import dev.switchgear.adapter.crypto.DataKeysetStore;
import dev.switchgear.adapter.crypto.DataKeysetStoreContract;
import dev.switchgear.adapter.persistence.database.EmbeddedDatabase;
import dev.switchgear.adapter.persistence.readmodel.JooqWrappedDataKeys;
import java.io.IOException;
import java.nio.file.Files;
import org.flywaydb.core.Flyway;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The key vault's storage contract against {@code keyring_data_key} on real PostgreSQL, through the wiring's bridge. */
class DataKeysetsOnPostgresTest extends DataKeysetStoreContract {

    private static EmbeddedDatabase database;
    private static HikariDataSource dataSource;
    private static DataKeysetStore store;

    @BeforeAll
    static void start() throws IOException {
        database = EmbeddedDatabase.start(Files.createTempDirectory("switchgear-data-keysets"), false);
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.user());
        dataSource.setMaximumPoolSize(4);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        store = new DataKeysetsOnPostgres(new JooqWrappedDataKeys(DSL.using(dataSource, SQLDialect.POSTGRES)));
    }

    @AfterAll
    static void stop() {
        dataSource.close();
        database.close();
    }

    @Override
    protected DataKeysetStore store() {
        return store;
    }
}
