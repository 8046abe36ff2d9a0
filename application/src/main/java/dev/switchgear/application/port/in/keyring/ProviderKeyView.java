package dev.switchgear.application.port.in.keyring;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored key as its owner sees it: never the key, only its masked preview and fingerprint, the
 * last live test, and whether it is due for a new test (untested, or last tested over 90 days ago).
 */
public record ProviderKeyView(String keyId, String provider, String label, String maskedPreview, String fingerprint,
                              Optional<String> baseUrl, Instant addedAt, Optional<KeyTestResult> lastTest,
                              boolean needsTest) {
}
