package dev.switchgear.adapter.persistence.readmodel;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Columns of {@code provider_key} and {@code keyring_data_key}, for jOOQ without code generation. */
final class KeyringTables {

    static final Table<Record> PROVIDER_KEY = table("provider_key");
    static final Field<String> KEY_ID = field("key_id", String.class);
    static final Field<UUID> ACCOUNT_ID = field("account_id", UUID.class);
    static final Field<String> PROVIDER = field("provider", String.class);
    static final Field<String> LABEL = field("label", String.class);
    static final Field<byte[]> CIPHERTEXT = field("ciphertext", byte[].class);
    static final Field<String> FINGERPRINT = field("fingerprint", String.class);
    static final Field<String> MASKED_PREVIEW = field("masked_preview", String.class);
    static final Field<String> BASE_URL = field("base_url", String.class);
    static final Field<OffsetDateTime> ADDED_AT = field("added_at", OffsetDateTime.class);
    static final Field<String> STATE = field("state", String.class);
    static final Field<OffsetDateTime> ENDED_AT = field("ended_at", OffsetDateTime.class);
    static final Field<String> LAST_STATUS = field("last_status", String.class);
    static final Field<Long> LAST_LATENCY = field("last_latency_ms", Long.class);
    static final Field<String> LAST_DETAIL = field("last_detail", String.class);
    static final Field<OffsetDateTime> LAST_TESTED_AT = field("last_tested_at", OffsetDateTime.class);

    static final Table<Record> DATA_KEY = table("keyring_data_key");
    static final Field<byte[]> WRAPPED = field("wrapped", byte[].class);
    static final Field<Long> MASTER_KEY_ID = field("master_key_id", Long.class);
    static final Field<OffsetDateTime> UPDATED_AT = field("updated_at", OffsetDateTime.class);

    static final String ACTIVE = "active";

    private KeyringTables() {
    }
}
