package dev.switchgear.adapter.persistence.readmodel;

import static org.jooq.impl.DSL.cast;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;

import dev.switchgear.application.port.out.responses.ResponseStore;
import dev.switchgear.application.port.out.responses.StoredResponse;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * Stored responses in table {@code stored_response} (V8, ADR 0021): one row per account and id,
 * the conversation and the response object as {@code json} (kept as written), looked up only within the account.
 */
public class JooqResponseStore implements ResponseStore {

    private static final Table<?> STORED = table("stored_response");
    private static final Field<UUID> ACCOUNT_ID = field("account_id", UUID.class);
    private static final Field<String> ID = field("id", String.class);
    private static final Field<String> MODEL = field("model", String.class);
    private static final Field<String> INPUT = field("input", String.class);
    private static final Field<String> RESPONSE = field("response", String.class);
    private static final Field<OffsetDateTime> CREATED_AT = field("created_at", OffsetDateTime.class);
    private static final Field<OffsetDateTime> EXPIRES_AT = field("expires_at", OffsetDateTime.class);

    private final DSLContext db;

    public JooqResponseStore(DSLContext db) {
        this.db = db;
    }

    @Override
    public void save(AccountId account, StoredResponse response) {
        db.insertInto(STORED)
                .columns(ACCOUNT_ID, ID, MODEL, field("input"), field("response"), CREATED_AT, EXPIRES_AT)
                .values(val(uuid(account)), val(response.id()), val(response.model()), json(response.input()),
                        json(response.response()), val(utc(response.createdAt())), val(utc(response.expiresAt())))
                .onConflictDoNothing()
                .execute();
    }

    @Override
    public Optional<StoredResponse> find(AccountId account, String id, Instant now) {
        return db.select(ID, MODEL, cast(field("input"), SQLDataType.CLOB).as("input"),
                        cast(field("response"), SQLDataType.CLOB).as("response"), CREATED_AT, EXPIRES_AT)
                .from(STORED)
                .where(ACCOUNT_ID.eq(uuid(account)))
                .and(ID.eq(id))
                .and(EXPIRES_AT.ge(utc(now)))
                .fetchOptional()
                .map(r -> new StoredResponse(r.get(ID), r.get(MODEL), r.get(INPUT), r.get(RESPONSE),
                        r.get(CREATED_AT).toInstant(), r.get(EXPIRES_AT).toInstant()));
    }

    @Override
    public boolean delete(AccountId account, String id) {
        return db.deleteFrom(STORED).where(ACCOUNT_ID.eq(uuid(account))).and(ID.eq(id)).execute() > 0;
    }

    @Override
    public int purgeExpired(Instant now) {
        return db.deleteFrom(STORED).where(EXPIRES_AT.lt(utc(now))).execute();
    }

    private static Field<Object> json(String text) {
        return field("cast({0} as json)", Object.class, val(text));
    }

    private static UUID uuid(AccountId account) {
        return UUID.fromString(account.value());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
