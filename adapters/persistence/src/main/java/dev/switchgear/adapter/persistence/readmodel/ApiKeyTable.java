package dev.switchgear.adapter.persistence.readmodel;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Columns of {@code api_key} (V2, V6), for jOOQ without code generation. */
final class ApiKeyTable {

    static final Table<Record> API_KEY = table("api_key");
    static final Field<String> KEY_ID = field("key_id", String.class);
    static final Field<String> KEY_HASH = field("key_hash", String.class);
    static final Field<String> PREFIX = field("prefix", String.class);
    static final Field<UUID> ACCOUNT_ID = field("account_id", UUID.class);
    static final Field<String> NAME = field("name", String.class);
    static final Field<OffsetDateTime> CREATED_AT = field("created_at", OffsetDateTime.class);
    static final Field<OffsetDateTime> EXPIRES_AT = field("expires_at", OffsetDateTime.class);
    static final Field<OffsetDateTime> REVOKED_AT = field("revoked_at", OffsetDateTime.class);
    static final Field<OffsetDateTime> LAST_USED_AT = field("last_used_at", OffsetDateTime.class);

    private ApiKeyTable() {
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
