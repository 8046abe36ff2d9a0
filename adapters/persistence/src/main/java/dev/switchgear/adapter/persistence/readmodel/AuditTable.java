package dev.switchgear.adapter.persistence.readmodel;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;

/** Names of table {@code audit_entry} (see V7__audit_entry.sql). */
final class AuditTable {

    static final Table<Record> AUDIT_ENTRY = table("audit_entry");
    static final Field<String> ID = field("id", String.class);
    static final Field<OffsetDateTime> OCCURRED_AT = field("occurred_at", OffsetDateTime.class);
    static final Field<UUID> ACCOUNT_ID = field("account_id", UUID.class);
    static final Field<String> ACTOR = field("actor", String.class);
    static final Field<String> ACTOR_ROLE = field("actor_role", String.class);
    static final Field<String> ACTION = field("action", String.class);
    static final Field<String> TARGET = field("target", String.class);
    static final Field<JSONB> DETAILS = field("details", JSONB.class);
    static final Field<String> CLIENT_ADDRESS = field("client_address", String.class);
    static final Field<String> USER_AGENT = field("user_agent", String.class);

    private AuditTable() {
    }
}
