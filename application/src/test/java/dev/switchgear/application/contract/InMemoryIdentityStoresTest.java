package dev.switchgear.application.contract;

import dev.switchgear.application.fakes.InMemoryIdentityStores;
import dev.switchgear.application.port.out.identity.AdminCredentialStore;
import dev.switchgear.application.port.out.identity.ApiKeyStore;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;

class InMemoryIdentityStoresTest extends ApiKeyStoreContract {

    private final InMemoryIdentityStores stores = new InMemoryIdentityStores();

    @Override
    protected ApiKeyStore apiKeys() {
        return stores;
    }

    @Override
    protected AdminCredentialStore adminCredentials() {
        return stores;
    }

    @Override
    protected void project(CreditAccountEvent event) {
        stores.project(event);
    }

    @Override
    protected void legacyRow(String keyId, String keyHash, String prefix, AccountId accountId, Instant createdAt) {
        stores.legacyRow(keyId, keyHash, prefix, accountId, createdAt);
    }
}
