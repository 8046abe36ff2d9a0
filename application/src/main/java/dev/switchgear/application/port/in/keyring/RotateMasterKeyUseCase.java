package dev.switchgear.application.port.in.keyring;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.keyring.MasterKeyRotation;
import dev.switchgear.application.port.out.keyring.MasterKeyStatus;

/** Administrator only: the master keyset's state, and its rotation (add a version, rewrap, retire). */
public interface RotateMasterKeyUseCase {

    MasterKeyStatus status(Caller caller);

    MasterKeyRotation rotate(Caller caller);
}
