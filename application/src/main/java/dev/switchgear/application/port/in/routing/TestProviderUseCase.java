package dev.switchgear.application.port.in.routing;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.keyring.ProviderKeyVerifier.KeyCheck;

/** Administrator only: a provider's connectivity with the platform's key, tested now. */
public interface TestProviderUseCase {

    /** Tests a provider's connectivity with the platform's key now, and feeds the result to health. */
    KeyCheck test(Caller caller, String providerId);
}
