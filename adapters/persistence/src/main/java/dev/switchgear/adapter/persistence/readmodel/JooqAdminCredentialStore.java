package dev.switchgear.adapter.persistence.readmodel;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import dev.switchgear.application.port.out.identity.AdminCredentialStore;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

/** The admin key's hash in the single row of table {@code admin_credential}. */
public class JooqAdminCredentialStore implements AdminCredentialStore {

    private static final Table<?> ADMIN_CREDENTIAL = table("admin_credential");
    private static final Field<Short> ID = field("id", Short.class);
    private static final Field<String> KEY_HASH = field("key_hash", String.class);
    private static final Field<OffsetDateTime> UPDATED_AT = field("updated_at", OffsetDateTime.class);

    private final DSLContext db;

    public JooqAdminCredentialStore(DSLContext db) {
        this.db = db;
    }

    @Override
    public Optional<String> adminKeyHash() {
        return db.select(KEY_HASH).from(ADMIN_CREDENTIAL).where(ID.eq((short) 1)).fetchOptional(KEY_HASH);
    }

    @Override
    public void saveAdminKeyHash(String hash) {
        db.insertInto(ADMIN_CREDENTIAL)
                .set(ID, (short) 1)
                .set(KEY_HASH, hash)
                .set(UPDATED_AT, OffsetDateTime.now())
                .onConflict(ID).doUpdate()
                .set(KEY_HASH, hash)
                .set(UPDATED_AT, OffsetDateTime.now())
                .execute();
    }
}
