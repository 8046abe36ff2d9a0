package dev.switchgear.adapter.persistence.readmodel;

import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.ACCOUNT_ID;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.DATA_KEY;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.MASTER_KEY_ID;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.UPDATED_AT;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.WRAPPED;
import static org.jooq.impl.DSL.count;

import dev.switchgear.domain.shared.AccountId;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * {@code keyring_data_key} on PostgreSQL: each keyring's data keyset, as the key vault wrapped it
 * (opaque bytes here), and the master key version that wraps it. A change takes a
 * transaction-scoped advisory lock on the account first, so concurrent changes (also from other
 * nodes, and also of a row that does not exist yet) are serialised. No service calls this store:
 * bootstrap hands it to the crypto adapter's vault as its storage.
 */
public class JooqWrappedDataKeys {

    /** A row: a data keyset encrypted under the master key version {@code masterKeyId}. */
    public record WrappedDataKey(byte[] wrapped, long masterKeyId) {
    }

    private static final int LOCK_SPACE = 0x53474b52; // "SGKR"

    private final DSLContext db;

    public JooqWrappedDataKeys(DSLContext db) {
        this.db = db;
    }

    public Optional<WrappedDataKey> find(AccountId account) {
        return db.select(WRAPPED, MASTER_KEY_ID).from(DATA_KEY).where(ACCOUNT_ID.eq(uuid(account)))
                .fetchOptional(r -> new WrappedDataKey(r.get(WRAPPED), r.get(MASTER_KEY_ID)));
    }

    /**
     * Changes an account's row under the account's lock and returns what was stored; the change sees
     * the current value, and when it throws nothing is stored.
     */
    public WrappedDataKey update(AccountId account, Function<Optional<WrappedDataKey>, WrappedDataKey> change) {
        return db.transactionResult(tx -> {
            DSLContext locked = tx.dsl();
            locked.execute("select pg_advisory_xact_lock(?, hashtext(?))", LOCK_SPACE, account.value());
            Optional<WrappedDataKey> current = locked.select(WRAPPED, MASTER_KEY_ID).from(DATA_KEY)
                    .where(ACCOUNT_ID.eq(uuid(account)))
                    .fetchOptional(r -> new WrappedDataKey(r.get(WRAPPED), r.get(MASTER_KEY_ID)));
            WrappedDataKey next = change.apply(current);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            locked.insertInto(DATA_KEY, ACCOUNT_ID, WRAPPED, MASTER_KEY_ID, UPDATED_AT)
                    .values(uuid(account), next.wrapped(), next.masterKeyId(), now)
                    .onConflict(ACCOUNT_ID).doUpdate()
                    .set(WRAPPED, next.wrapped())
                    .set(MASTER_KEY_ID, next.masterKeyId())
                    .set(UPDATED_AT, now)
                    .execute();
            return next;
        });
    }

    /** Deletes the account's row for good. */
    public void delete(AccountId account) {
        db.transaction(tx -> {
            DSLContext locked = tx.dsl();
            locked.execute("select pg_advisory_xact_lock(?, hashtext(?))", LOCK_SPACE, account.value());
            locked.deleteFrom(DATA_KEY).where(ACCOUNT_ID.eq(uuid(account))).execute();
        });
    }

    public List<AccountId> accounts() {
        return db.select(ACCOUNT_ID).from(DATA_KEY).orderBy(ACCOUNT_ID).fetch(r -> AccountId.of(r.value1()));
    }

    public Map<Long, Integer> countByMasterKey() {
        Map<Long, Integer> counts = new TreeMap<>();
        db.select(MASTER_KEY_ID, count()).from(DATA_KEY).groupBy(MASTER_KEY_ID)
                .forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }

    private static UUID uuid(AccountId account) {
        return UUID.fromString(account.value());
    }
}
