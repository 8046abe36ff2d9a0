package dev.switchgear.application.service.keyring;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.in.keyring.RotateMasterKeyUseCase;
import dev.switchgear.application.port.out.keyring.KeyVault;
import dev.switchgear.application.port.out.keyring.MasterKeyRotation;
import dev.switchgear.application.port.out.keyring.MasterKeyStatus;

/** Administrator only: the master keyset's state, and its rotation through the key vault. */
public class MasterKeyService implements RotateMasterKeyUseCase {

    private final KeyVault vault;

    public MasterKeyService(KeyVault vault) {
        this.vault = vault;
    }

    @Override
    public MasterKeyStatus status(Caller caller) {
        requireAdmin(caller);
        return vault.masterKeyStatus();
    }

    @Override
    public MasterKeyRotation rotate(Caller caller) {
        requireAdmin(caller);
        return vault.rotateMasterKey();
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw new IdentityException(IdentityError.ADMIN_REQUIRED, "this call needs the admin key");
        }
    }
}
