package dev.switchgear.application.port.out.keyring;

import dev.switchgear.domain.keyring.api.MasterKeyRotated;

/**
 * Where master-key rotations are recorded: the event store, so the audit log (and anyone reading the
 * events) sees who rotated the key, when and from where. A rotation that cannot be recorded fails
 * the call that made it: it has already happened, and the caller should know it was not recorded.
 */
public interface MasterKeyHistory {

    void recordRotation(MasterKeyRotated rotation);
}
