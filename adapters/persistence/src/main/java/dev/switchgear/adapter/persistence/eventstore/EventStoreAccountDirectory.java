package dev.switchgear.adapter.persistence.eventstore;

import dev.switchgear.application.port.out.audit.AccountDirectory;
import dev.switchgear.domain.shared.AccountId;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The credit accounts as the event store knows them: every aggregate of type {@code CreditAccount}
 * (its opening is its first event), in identifier order, read a page at a time through the
 * (aggregate, sequence) index — the reconciliation needs no read model of its own to list them.
 */
public class EventStoreAccountDirectory implements AccountDirectory {

    private static final Field<String> AGGREGATE = DSL.field("aggregateidentifier", SQLDataType.VARCHAR);

    private final DSLContext db;

    public EventStoreAccountDirectory(DSLContext db) {
        this.db = db;
    }

    @Override
    public List<AccountId> accounts(Optional<AccountId> after, int limit) {
        return db.select(AGGREGATE).from(DSL.table("domainevententry"))
                .where(DSL.field("type", SQLDataType.VARCHAR).eq(AxonCreditAccountJournal.AGGREGATE_TYPE))
                .and(DSL.field("sequencenumber", SQLDataType.BIGINT).eq(0L))
                .and(after.map(a -> AGGREGATE.gt(a.value())).orElse(DSL.noCondition()))
                .orderBy(AGGREGATE).limit(limit)
                .fetch(AGGREGATE).stream().map(AccountId::new).toList();
    }
}
