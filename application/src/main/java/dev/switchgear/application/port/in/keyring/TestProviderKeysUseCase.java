package dev.switchgear.application.port.in.keyring;

import dev.switchgear.application.port.in.shared.Caller;
import java.util.List;
import java.util.Optional;

/** A caller's provider key tested live against the provider. */
public interface TestProviderKeysUseCase {

    /**
     * Tests a key live against the provider. With {@code unsavedKey} the key is only tested, not
     * stored; without it the caller's stored keys for the provider (or the labelled one) are tested
     * and each result recorded.
     */
    List<KeyTestResult> test(Caller caller, String provider, Optional<String> label, Optional<String> unsavedKey);
}
