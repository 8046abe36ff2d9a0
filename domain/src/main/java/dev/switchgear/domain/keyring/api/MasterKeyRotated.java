package dev.switchgear.domain.keyring.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * The platform's master keyset was rotated: a new primary version was added, every keyring's data
 * keyset was rewrapped under it and the older versions were retired. It belongs to no aggregate (the
 * master keyset lives outside the event store) and is published on its own, for the audit log. It
 * carries version numbers and a count, never key material.
 */
@Revision("1")
public record MasterKeyRotated(long primaryVersion, List<Long> retiredVersions, int dataKeysRewrapped,
                               Instant rotatedAt) {

    public MasterKeyRotated {
        retiredVersions = List.copyOf(Objects.requireNonNull(retiredVersions, "retiredVersions"));
        Objects.requireNonNull(rotatedAt, "rotatedAt");
        if (dataKeysRewrapped < 0) {
            throw new IllegalArgumentException("dataKeysRewrapped is 0 or more");
        }
    }
}
