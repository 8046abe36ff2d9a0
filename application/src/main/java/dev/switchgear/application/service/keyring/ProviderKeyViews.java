package dev.switchgear.application.service.keyring;

import dev.switchgear.application.port.in.keyring.KeyTestResult;
import dev.switchgear.application.port.in.keyring.ProviderKeyView;
import dev.switchgear.application.port.out.keyring.StoredProviderKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A stored key as a caller sees it: masked, with its last test and whether it is due for a new one. */
final class ProviderKeyViews {

    /** A key not tested for this long is flagged for a new test. */
    static final Duration RETEST_AFTER = Duration.ofDays(90);

    private ProviderKeyViews() {
    }

    static ProviderKeyView view(StoredProviderKey key, Instant now) {
        Optional<KeyTestResult> last = key.lastTest().map(t -> new KeyTestResult(Optional.of(key.keyId().value()),
                key.provider(), Optional.of(key.label()), t.status().code(), t.latencyMillis(), t.detail(),
                t.testedAt()));
        boolean needsTest = key.lastTest().map(t -> t.testedAt().plus(RETEST_AFTER).isBefore(now)).orElse(true);
        return new ProviderKeyView(key.keyId().value(), key.provider(), key.label(), key.maskedPreview(),
                key.fingerprint(), Optional.ofNullable(key.baseUrl()), key.addedAt(), last, needsTest);
    }
}
