package dev.switchgear.adapter.persistence.eventstore;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.RequestId;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Table {@code charged_request}: the (account, request id) of every charge in the event store
 * (ADR 0032), kept by a trigger on the event table in the transaction that stores each
 * {@code UsageCharged}, so it holds exactly what is durable; its primary key refuses a second
 * charge of an id.
 */
public class ChargedRequestIndex {

    private static final Table<Record> CHARGED = table("charged_request");
    private static final Field<UUID> ACCOUNT_ID = field("account_id", UUID.class);
    private static final Field<String> REQUEST_ID = field("request_id", String.class);

    private final DSLContext db;

    public ChargedRequestIndex(DSLContext db) {
        this.db = db;
    }

    /** Whether the account was charged for the request id (by a charge that is durable). */
    public boolean contains(AccountId accountId, RequestId requestId) {
        return db.fetchExists(db.selectOne().from(CHARGED)
                .where(ACCOUNT_ID.eq(UUID.fromString(accountId.value())))
                .and(REQUEST_ID.eq(requestId.value())));
    }
}
