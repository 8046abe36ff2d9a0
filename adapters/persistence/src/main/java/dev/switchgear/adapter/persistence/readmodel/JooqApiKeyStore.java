package dev.switchgear.adapter.persistence.readmodel;

import static dev.switchgear.adapter.persistence.readmodel.ApiKeyTable.ACCOUNT_ID;
import static dev.switchgear.adapter.persistence.readmodel.ApiKeyTable.API_KEY;
import static dev.switchgear.adapter.persistence.readmodel.ApiKeyTable.CREATED_AT;
import static dev.switchgear.adapter.persistence.readmodel.ApiKeyTable.EXPIRES_AT;
import static dev.switchgear.adapter.persistence.readmodel.ApiKeyTable.KEY_HASH;
import static dev.switchgear.adapter.persistence.readmodel.ApiKeyTable.KEY_ID;
import static dev.switchgear.adapter.persistence.readmodel.ApiKeyTable.LAST_USED_AT;
import static dev.switchgear.adapter.persistence.readmodel.ApiKeyTable.NAME;
import static dev.switchgear.adapter.persistence.readmodel.ApiKeyTable.PREFIX;
import static dev.switchgear.adapter.persistence.readmodel.ApiKeyTable.REVOKED_AT;
import static dev.switchgear.adapter.persistence.readmodel.ApiKeyTable.instant;

import dev.switchgear.application.port.out.identity.ApiKeyStore;
import dev.switchgear.application.port.out.identity.StoredApiKey;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Account API keys in table {@code api_key}, the read model {@link ApiKeyProjection} writes. */
public class JooqApiKeyStore implements ApiKeyStore {

    /** Key ids per UPDATE statement; PostgreSQL takes at most 65,535 bind values. */
    private static final int MAX_KEYS_PER_STATEMENT = 10_000;

    private final DSLContext db;

    public JooqApiKeyStore(DSLContext db) {
        this.db = db;
    }

    @Override
    public Optional<StoredApiKey> findByHash(String keyHash) {
        return db.select().from(API_KEY).where(KEY_HASH.eq(keyHash)).fetchOptional().map(JooqApiKeyStore::key);
    }

    @Override
    public Optional<StoredApiKey> find(AccountId accountId, String keyId) {
        return db.select().from(API_KEY)
                .where(KEY_ID.eq(keyId)).and(ACCOUNT_ID.eq(UUID.fromString(accountId.value())))
                .fetchOptional().map(JooqApiKeyStore::key);
    }

    @Override
    public List<StoredApiKey> listByAccount(AccountId accountId) {
        return db.select().from(API_KEY)
                .where(ACCOUNT_ID.eq(UUID.fromString(accountId.value()))).and(REVOKED_AT.isNull())
                .orderBy(CREATED_AT.desc(), KEY_ID.desc())
                .fetch(JooqApiKeyStore::key);
    }

    /** One {@code UPDATE … FROM (VALUES …)} for up to 10,000 keys; {@code greatest} keeps a later time. */
    @Override
    public void recordLastUse(Map<String, Instant> lastUsedByKeyId) {
        List<Map.Entry<String, Instant>> entries = new ArrayList<>(lastUsedByKeyId.entrySet());
        for (int from = 0; from < entries.size(); from += MAX_KEYS_PER_STATEMENT) {
            List<Map.Entry<String, Instant>> chunk = entries.subList(from,
                    Math.min(entries.size(), from + MAX_KEYS_PER_STATEMENT));
            StringBuilder sql = new StringBuilder("update api_key set last_used_at = greatest(api_key.last_used_at, "
                    + "used.at) from (values ");
            List<Object> binds = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(cast(? as varchar), cast(? as timestamptz))");
                binds.add(chunk.get(i).getKey());
                binds.add(chunk.get(i).getValue().atOffset(ZoneOffset.UTC));
            }
            sql.append(") as used (key_id, at) where api_key.key_id = used.key_id");
            db.execute(sql.toString(), binds.toArray());
        }
    }

    private static StoredApiKey key(Record row) {
        return new StoredApiKey(row.get(KEY_ID), AccountId.of(row.get(ACCOUNT_ID)), row.get(NAME), row.get(PREFIX),
                row.get(KEY_HASH).strip(), instant(row.get(CREATED_AT)), instant(row.get(EXPIRES_AT)),
                instant(row.get(REVOKED_AT)), instant(row.get(LAST_USED_AT)));
    }
}
