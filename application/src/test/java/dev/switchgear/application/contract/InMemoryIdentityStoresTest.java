package dev.switchgear.application.contract;

import dev.switchgear.application.fakes.InMemoryIdentityStores;
import dev.switchgear.application.port.out.identity.AdminCredentialStore;
import dev.switchgear.application.port.out.identity.ApiKeyStore;

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
}
