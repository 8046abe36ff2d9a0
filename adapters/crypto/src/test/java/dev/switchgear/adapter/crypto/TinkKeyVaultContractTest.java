package dev.switchgear.adapter.crypto;

import dev.switchgear.application.contract.KeyVaultContract;
import dev.switchgear.application.port.out.keyring.KeyVault;
import java.io.IOException;
import java.nio.file.Files;

/** The key vault contract against the Tink vault with a fresh master keyset file and data keyset store. */
class TinkKeyVaultContractTest extends KeyVaultContract {

    private final TinkKeyVault vault;

    TinkKeyVaultContractTest() throws IOException {
        vault = new TinkKeyVault(MasterKeyset.fromFile(Files.createTempDirectory("vault-contract")
                .resolve("master-keyset.json")), new InMemoryDataKeysetStore());
    }

    @Override
    protected KeyVault vault() {
        return vault;
    }
}
