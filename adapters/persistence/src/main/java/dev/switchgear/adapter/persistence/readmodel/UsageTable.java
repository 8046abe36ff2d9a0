package dev.switchgear.adapter.persistence.readmodel;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Names of table {@code usage_record} (see V2__identity_and_usage.sql). */
final class UsageTable {

    static final Table<Record> USAGE_RECORD = table("usage_record");
    static final Field<UUID> ACCOUNT_ID = field("account_id", UUID.class);
    static final Field<String> REQUEST_ID = field("request_id", String.class);
    static final Field<String> MODEL = field("model", String.class);
    static final Field<String> PROVIDER = field("provider", String.class);
    static final Field<Long> INPUT_TOKENS = field("input_tokens", Long.class);
    static final Field<Long> OUTPUT_TOKENS = field("output_tokens", Long.class);
    static final Field<Boolean> USAGE_ESTIMATED = field("usage_estimated", Boolean.class);
    static final Field<Long> INPUT_PRICE = field("input_price_per_1k", Long.class);
    static final Field<Long> OUTPUT_PRICE = field("output_price_per_1k", Long.class);
    static final Field<Long> COST = field("cost_micros", Long.class);
    static final Field<Long> CHARGED = field("charged_micros", Long.class);
    static final Field<Long> UNCOLLECTED = field("uncollected_micros", Long.class);
    static final Field<Long> BALANCE_AFTER = field("balance_after_micros", Long.class);
    static final Field<OffsetDateTime> CHARGED_AT = field("charged_at", OffsetDateTime.class);
    static final Field<Boolean> BYOK = field("byok", Boolean.class);
    static final Field<Integer> MULTIPLIER = field("multiplier_bp", Integer.class);
    static final Field<Long> CATALOG_VERSION = field("catalog_version", Long.class);
    static final Field<org.jooq.JSONB> ROUTING = field("routing", org.jooq.JSONB.class);
    // the usage's parts and their rates (V12, ADR 0023)
    static final Field<Long> CACHED_INPUT_TOKENS = field("cached_input_tokens", Long.class);
    static final Field<Long> CACHE_WRITE_5M_TOKENS = field("cache_write_5m_tokens", Long.class);
    static final Field<Long> CACHE_WRITE_1H_TOKENS = field("cache_write_1h_tokens", Long.class);
    static final Field<Long> REASONING_TOKENS = field("reasoning_tokens", Long.class);
    static final Field<Long> CACHED_INPUT_PRICE = field("cached_input_price_per_1k", Long.class);
    static final Field<Long> CACHE_WRITE_5M_PRICE = field("cache_write_5m_price_per_1k", Long.class);
    static final Field<Long> CACHE_WRITE_1H_PRICE = field("cache_write_1h_price_per_1k", Long.class);
    static final Field<Long> REASONING_PRICE = field("reasoning_price_per_1k", Long.class);

    private UsageTable() {
    }
}
