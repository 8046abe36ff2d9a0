package dev.switchgear.application.port.out.keyring;

import java.util.List;
import java.util.Map;

/**
 * The master keyset: where it comes from ({@code file} or {@code environment}), its versions, the
 * primary one, and how many data keys are wrapped under each version.
 */
public record MasterKeyStatus(String source, long primaryVersion, List<Long> versions,
                              Map<Long, Integer> dataKeysByVersion, boolean rotatable) {
}
