package dev.switchgear.adapter.persistence.readmodel;

import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.ACCOUNT_ID;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.ACTIVE;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.ADDED_AT;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.BASE_URL;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.CIPHERTEXT;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.FINGERPRINT;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.KEY_ID;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.LABEL;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.LAST_DETAIL;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.LAST_LATENCY;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.LAST_STATUS;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.LAST_TESTED_AT;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.MASKED_PREVIEW;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.PROVIDER;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.PROVIDER_KEY;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.STATE;

import dev.switchgear.application.port.out.keyring.ProviderKeyReadModel;
import dev.switchgear.application.port.out.keyring.StoredProviderKey;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.keyring.api.KeyTestStatus;
import dev.switchgear.domain.keyring.api.ProviderKeyId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Reads the active keys of {@code provider_key}. */
public class JooqProviderKeyReadModel implements ProviderKeyReadModel {

    private final DSLContext db;

    public JooqProviderKeyReadModel(DSLContext db) {
        this.db = db;
    }

    @Override
    public List<StoredProviderKey> keysOf(AccountId account) {
        return db.select(KEY_ID, ACCOUNT_ID, PROVIDER, LABEL, CIPHERTEXT, FINGERPRINT, MASKED_PREVIEW, BASE_URL,
                        ADDED_AT, LAST_STATUS, LAST_LATENCY, LAST_DETAIL, LAST_TESTED_AT)
                .from(PROVIDER_KEY)
                .where(ACCOUNT_ID.eq(UUID.fromString(account.value())))
                .and(STATE.eq(ACTIVE))
                .orderBy(ADDED_AT, KEY_ID)
                .fetch(JooqProviderKeyReadModel::toKey);
    }

    private static StoredProviderKey toKey(Record r) {
        Optional<StoredProviderKey.LastTest> last = r.get(LAST_TESTED_AT) == null ? Optional.empty()
                : Optional.of(new StoredProviderKey.LastTest(
                        KeyTestStatus.valueOf(r.get(LAST_STATUS).toUpperCase(Locale.ROOT)), r.get(LAST_LATENCY),
                        r.get(LAST_DETAIL), r.get(LAST_TESTED_AT).toInstant()));
        return new StoredProviderKey(AccountId.of(r.get(ACCOUNT_ID)), new ProviderKeyId(r.get(KEY_ID)), r.get(PROVIDER),
                r.get(LABEL), r.get(CIPHERTEXT), r.get(FINGERPRINT), r.get(MASKED_PREVIEW), r.get(BASE_URL),
                r.get(ADDED_AT).toInstant(), last);
    }
}
