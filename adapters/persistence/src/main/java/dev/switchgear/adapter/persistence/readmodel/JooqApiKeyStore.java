package dev.switchgear.adapter.persistence.readmodel;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import dev.switchgear.application.port.out.identity.ApiKeyStore;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

/** Account API key hashes in table {@code api_key}. */
public class JooqApiKeyStore implements ApiKeyStore {

    private static final Table<?> API_KEY = table("api_key");
    private static final Field<UUID> KEY_ID = field("key_id", UUID.class);
    private static final Field<String> KEY_HASH = field("key_hash", String.class);
    private static final Field<String> PREFIX = field("prefix", String.class);
    private static final Field<UUID> ACCOUNT_ID = field("account_id", UUID.class);
    private static final Field<OffsetDateTime> CREATED_AT = field("created_at", OffsetDateTime.class);

    private final DSLContext db;

    public JooqApiKeyStore(DSLContext db) {
        this.db = db;
    }

    @Override
    public void save(String keyId, String keyHash, String prefix, AccountId accountId, Instant createdAt) {
        db.insertInto(API_KEY)
                .set(KEY_ID, UUID.fromString(keyId))
                .set(KEY_HASH, keyHash)
                .set(PREFIX, prefix)
                .set(ACCOUNT_ID, UUID.fromString(accountId.value()))
                .set(CREATED_AT, createdAt.atOffset(ZoneOffset.UTC))
                .execute();
    }

    @Override
    public Optional<AccountId> findAccountByHash(String keyHash) {
        return db.select(ACCOUNT_ID).from(API_KEY).where(KEY_HASH.eq(keyHash))
                .fetchOptional(ACCOUNT_ID)
                .map(AccountId::of);
    }
}
