package dev.switchgear.application.port.out.keyring;

import java.util.List;

/** The outcome of a master key rotation: the new primary version, the retired ones, data keys rewrapped. */
public record MasterKeyRotation(long primaryVersion, List<Long> retiredVersions, int dataKeysRewrapped) {
}
