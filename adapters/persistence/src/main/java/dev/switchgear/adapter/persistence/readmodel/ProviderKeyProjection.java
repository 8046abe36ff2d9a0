package dev.switchgear.adapter.persistence.readmodel;

import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.ACCOUNT_ID;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.ACTIVE;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.ADDED_AT;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.BASE_URL;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.CIPHERTEXT;
import static dev.switchgear.adapter.persistence.readmodel.KeyringTables.ENDED_AT;
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

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.keyring.api.KeyringErased;
import dev.switchgear.domain.keyring.api.ProviderKeyAdded;
import dev.switchgear.domain.keyring.api.ProviderKeyId;
import dev.switchgear.domain.keyring.api.ProviderKeyRemoved;
import dev.switchgear.domain.keyring.api.ProviderKeyReplaced;
import dev.switchgear.domain.keyring.api.SealedKey;
import dev.switchgear.domain.keyring.api.ProviderKeyTested;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.jooq.DSLContext;

/**
 * Projects ProviderKeyring events into {@code provider_key}. It runs in a subscribing processor,
 * in the command's own transaction, so a key is usable the moment its command returns. Every
 * handler is idempotent (an insert that ignores a known key id, updates by key id), so the events
 * can be applied again. Removed, replaced and erased keys keep their row (their history) but lose
 * their ciphertext.
 */
@ProcessingGroup(ProviderKeyProjection.PROCESSING_GROUP)
public class ProviderKeyProjection {

    public static final String PROCESSING_GROUP = "keyring";

    private final DSLContext db;

    public ProviderKeyProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(ProviderKeyAdded event) {
        insert(event.accountId(), event.keyId(), event.provider(), event.label(), event.key(), event.baseUrl(),
                event.addedAt());
    }

    @EventHandler
    void on(ProviderKeyReplaced event) {
        end(event.replacedKeyId().value(), "replaced", event.replacedAt());
        insert(event.accountId(), event.keyId(), event.provider(), event.label(), event.key(), event.baseUrl(),
                event.replacedAt());
    }

    private void insert(AccountId account, ProviderKeyId keyId, String provider, String label, SealedKey key,
                        String baseUrl, Instant at) {
        db.insertInto(PROVIDER_KEY, KEY_ID, ACCOUNT_ID, PROVIDER, LABEL, CIPHERTEXT, FINGERPRINT, MASKED_PREVIEW,
                        BASE_URL, ADDED_AT, STATE)
                .values(keyId.value(), UUID.fromString(account.value()), provider, label, key.ciphertext(),
                        key.fingerprint(), key.maskedPreview(), baseUrl, at(at), ACTIVE)
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(ProviderKeyTested event) {
        db.update(PROVIDER_KEY)
                .set(LAST_STATUS, event.status().code())
                .set(LAST_LATENCY, event.latencyMillis())
                .set(LAST_DETAIL, event.detail() == null ? null
                        : event.detail().substring(0, Math.min(500, event.detail().length())))
                .set(LAST_TESTED_AT, at(event.testedAt()))
                .where(KEY_ID.eq(event.keyId().value()))
                .execute();
    }

    @EventHandler
    void on(ProviderKeyRemoved event) {
        end(event.keyId().value(), "removed", event.removedAt());
    }

    @EventHandler
    void on(KeyringErased event) {
        db.update(PROVIDER_KEY)
                .set(STATE, "erased")
                .set(CIPHERTEXT, (byte[]) null)
                .set(ENDED_AT, at(event.erasedAt()))
                .where(ACCOUNT_ID.eq(UUID.fromString(event.accountId().value())))
                .and(STATE.eq(ACTIVE))
                .execute();
    }

    private void end(String keyId, String state, Instant at) {
        db.update(PROVIDER_KEY)
                .set(STATE, state)
                .set(CIPHERTEXT, (byte[]) null)
                .set(ENDED_AT, at(at))
                .where(KEY_ID.eq(keyId))
                .and(STATE.eq(ACTIVE))
                .execute();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
