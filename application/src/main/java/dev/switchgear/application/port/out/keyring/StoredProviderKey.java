package dev.switchgear.application.port.out.keyring;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.keyring.api.KeyTestStatus;
import dev.switchgear.domain.keyring.api.ProviderKeyId;
import java.time.Instant;
import java.util.Optional;

/**
 * A provider key as the keyring read model holds it: sealed, with its preview and its last live
 * test. {@code baseUrl} is set for custom endpoints only.
 */
public record StoredProviderKey(AccountId accountId, ProviderKeyId keyId, String provider, String label,
                                byte[] ciphertext, String fingerprint, String maskedPreview, String baseUrl,
                                Instant addedAt, Optional<LastTest> lastTest) {

    public record LastTest(KeyTestStatus status, long latencyMillis, String detail, Instant testedAt) {
    }

    @Override
    public String toString() {
        return "StoredProviderKey[" + accountId + ", " + keyId + ", " + provider + ", " + label + ", " + maskedPreview
                + "]";
    }
}
