package dev.switchgear.adapter.persistence;

import dev.switchgear.adapter.persistence.readmodel.JooqAdminCredentialStore;
import dev.switchgear.adapter.persistence.readmodel.JooqApiKeyStore;
import dev.switchgear.application.contract.ApiKeyStoreContract;
import dev.switchgear.application.port.out.identity.AdminCredentialStore;
import dev.switchgear.application.port.out.identity.ApiKeyStore;

/** The key store contract against tables {@code api_key} and {@code admin_credential} on real PostgreSQL. */
class JooqIdentityStoresTest extends ApiKeyStoreContract {

    private final JooqApiKeyStore apiKeys = new JooqApiKeyStore(PostgresFixture.INSTANCE.db);
    private final JooqAdminCredentialStore admin = new JooqAdminCredentialStore(PostgresFixture.INSTANCE.db);

    @Override
    protected ApiKeyStore apiKeys() {
        return apiKeys;
    }

    @Override
    protected AdminCredentialStore adminCredentials() {
        return admin;
    }
}
