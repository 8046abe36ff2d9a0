package dev.switchgear.application.service.keyring;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.in.keyring.RotateMasterKeyUseCase;
import dev.switchgear.application.port.out.keyring.KeyVault;
import dev.switchgear.application.port.out.keyring.MasterKeyHistory;
import dev.switchgear.application.port.out.keyring.MasterKeyRotation;
import dev.switchgear.application.port.out.keyring.MasterKeyStatus;
import dev.switchgear.domain.keyring.api.MasterKeyRotated;
import java.time.Clock;

/**
 * Administrator only: the master keyset's state, and its rotation through the key vault, recorded
 * as a {@link MasterKeyRotated} event (versions and a count, never key material).
 */
public class MasterKeyService implements RotateMasterKeyUseCase {

    private final KeyVault vault;
    private final MasterKeyHistory history;
    private final Clock clock;

    public MasterKeyService(KeyVault vault, MasterKeyHistory history, Clock clock) {
        this.vault = vault;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public MasterKeyStatus status(Caller caller) {
        requireAdmin(caller);
        return vault.masterKeyStatus();
    }

    @Override
    public MasterKeyRotation rotate(Caller caller) {
        requireAdmin(caller);
        MasterKeyRotation rotation = vault.rotateMasterKey();
        history.recordRotation(new MasterKeyRotated(rotation.primaryVersion(), rotation.retiredVersions(),
                rotation.dataKeysRewrapped(), clock.instant()));
        return rotation;
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw new IdentityException(IdentityError.ADMIN_REQUIRED, "this call needs the admin key");
        }
    }
}
