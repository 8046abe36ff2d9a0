package dev.switchgear.application.port.out.routing;

import dev.switchgear.application.port.out.keyring.ProviderKeyVerifier.KeyCheck;
import java.util.Set;

/** Probes providers with the platform's own keys (the connectivity test and the active health probe). */
public interface ProviderConnectivity {

    /** The providers that can be probed here (configured, with a platform key or none needed). */
    Set<String> probeable();

    KeyCheck probe(String provider);
}
