package dev.switchgear.application.contract;

import dev.switchgear.application.fakes.InMemoryKeyVault;
import dev.switchgear.application.port.out.keyring.KeyVault;

class InMemoryKeyVaultTest extends KeyVaultContract {

    private final InMemoryKeyVault vault = new InMemoryKeyVault();

    @Override
    protected KeyVault vault() {
        return vault;
    }
}
