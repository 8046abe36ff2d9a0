package dev.switchgear.adapter.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchgear.adapter.persistence.database.EmbeddedDatabase;
import dev.switchgear.adapter.persistence.eventstore.DomainJacksonModule;
import java.nio.file.Files;
import java.nio.file.Path;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** One embedded PostgreSQL with the production schema and an Axon event store on it, shared by the adapter tests. */
final class PostgresFixture {

    static final PostgresFixture INSTANCE = new PostgresFixture();

    final EmbeddedDatabase database;
    final HikariDataSource dataSource;
    final EmbeddedEventStore eventStore;
    final DSLContext db;
    final ObjectMapper json;

    /**
     * A ledger journal on this store, as the gateway wires it: the index of charged ids and the kept
     * answers ({@code answers}, may be null) written in the events' transaction.
     */
    dev.switchgear.adapter.persistence.eventstore.AxonCreditAccountJournal journal(
            dev.switchgear.adapter.persistence.readmodel.JooqKeptAnswers answers) {
        DSLContext transactional = DSL.using(
                new org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy(dataSource), SQLDialect.POSTGRES);
        return new dev.switchgear.adapter.persistence.eventstore.AxonCreditAccountJournal(eventStore,
                new dev.switchgear.adapter.persistence.eventstore.ChargedRequestIndex(transactional), answers,
                new org.springframework.transaction.support.TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    private PostgresFixture() {
        try {
            Path data = Files.createTempDirectory("switchgear-persistence-test");
            database = EmbeddedDatabase.start(data, false);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.user());
        dataSource.setMaximumPoolSize(4);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(new DomainJacksonModule());
        json = mapper;
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper)
                .revisionResolver(new AnnotationRevisionResolver()).build();
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(new SpringTransactionManager(new DataSourceTransactionManager(dataSource)))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        db = DSL.using(dataSource, SQLDialect.POSTGRES);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            eventStore.shutDown();
            dataSource.close();
            database.close();
        }));
    }
}
