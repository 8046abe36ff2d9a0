package dev.switchgear.adapter.persistence.readmodel;

import static dev.switchgear.adapter.persistence.readmodel.ApiKeyTable.ACCOUNT_ID;
import static dev.switchgear.adapter.persistence.readmodel.ApiKeyTable.API_KEY;
import static dev.switchgear.adapter.persistence.readmodel.ApiKeyTable.CREATED_AT;
import static dev.switchgear.adapter.persistence.readmodel.ApiKeyTable.EXPIRES_AT;
import static dev.switchgear.adapter.persistence.readmodel.ApiKeyTable.KEY_HASH;
import static dev.switchgear.adapter.persistence.readmodel.ApiKeyTable.KEY_ID;
import static dev.switchgear.adapter.persistence.readmodel.ApiKeyTable.NAME;
import static dev.switchgear.adapter.persistence.readmodel.ApiKeyTable.PREFIX;
import static dev.switchgear.adapter.persistence.readmodel.ApiKeyTable.REVOKED_AT;
import static dev.switchgear.adapter.persistence.readmodel.ApiKeyTable.at;

import dev.switchgear.domain.credit.api.ApiKeyIssued;
import dev.switchgear.domain.credit.api.ApiKeyRevoked;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.jooq.DSLContext;

/**
 * Projects an account's key events into {@code api_key} (ADR 0016). It runs in a subscribing
 * processor, in the command's own transaction, so a key works the moment its command returns and a
 * revoked key is marked in the same commit. Idempotent: an issue inserts unless the key id is there
 * (a row from before keys were events, adopted on revocation, keeps its row), a revocation keeps the
 * first time it was revoked.
 */
@ProcessingGroup(ApiKeyProjection.PROCESSING_GROUP)
public class ApiKeyProjection {

    public static final String PROCESSING_GROUP = "api-keys";

    private final DSLContext db;

    public ApiKeyProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(ApiKeyIssued event) {
        db.insertInto(API_KEY, KEY_ID, KEY_HASH, PREFIX, ACCOUNT_ID, NAME, CREATED_AT, EXPIRES_AT)
                .values(event.keyId(), event.keyHash(), event.prefix(), UUID.fromString(event.accountId().value()),
                        event.name(), at(event.issuedAt()), at(event.expiresAt()))
                .onConflict(KEY_ID).doNothing()
                .execute();
    }

    @EventHandler
    void on(ApiKeyRevoked event) {
        db.update(API_KEY)
                .set(REVOKED_AT, at(event.revokedAt()))
                .where(KEY_ID.eq(event.keyId()))
                .and(ACCOUNT_ID.eq(UUID.fromString(event.accountId().value())))
                .and(REVOKED_AT.isNull())
                .execute();
    }
}
