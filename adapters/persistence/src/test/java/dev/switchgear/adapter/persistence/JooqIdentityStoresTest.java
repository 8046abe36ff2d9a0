package dev.switchgear.adapter.persistence;

import dev.switchgear.adapter.persistence.readmodel.ApiKeyProjection;
import dev.switchgear.adapter.persistence.readmodel.JooqAdminCredentialStore;
import dev.switchgear.adapter.persistence.readmodel.JooqApiKeyStore;
import dev.switchgear.application.contract.ApiKeyStoreContract;
import dev.switchgear.application.port.out.identity.AdminCredentialStore;
import dev.switchgear.application.port.out.identity.ApiKeyStore;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;

/**
 * The key store contract against tables {@code api_key} and {@code admin_credential} on real
 * PostgreSQL, the events applied by the real {@link ApiKeyProjection} through Axon's handler adapter.
 */
class JooqIdentityStoresTest extends ApiKeyStoreContract {

    private final JooqApiKeyStore apiKeys = new JooqApiKeyStore(PostgresFixture.INSTANCE.db);
    private final JooqAdminCredentialStore admin = new JooqAdminCredentialStore(PostgresFixture.INSTANCE.db);
    private final AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(
            new ApiKeyProjection(PostgresFixture.INSTANCE.db));

    @Override
    protected ApiKeyStore apiKeys() {
        return apiKeys;
    }

    @Override
    protected AdminCredentialStore adminCredentials() {
        return admin;
    }

    @Override
    protected void project(CreditAccountEvent event) {
        try {
            projection.handle(GenericEventMessage.asEventMessage(event));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** As V2's rows were written (the key id was a uuid column then; V6 made it text). */
    @Override
    protected void legacyRow(String keyId, String keyHash, String prefix, AccountId accountId, Instant createdAt) {
        PostgresFixture.INSTANCE.db.execute("insert into api_key (key_id, key_hash, prefix, account_id, created_at) "
                        + "values (cast(? as uuid)::text, ?, ?, cast(? as uuid), cast(? as timestamptz))", keyId, keyHash, prefix,
                accountId.value(), createdAt.atOffset(ZoneOffset.UTC));
    }
}
