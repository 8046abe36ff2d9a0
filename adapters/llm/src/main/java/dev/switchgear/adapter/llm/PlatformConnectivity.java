package dev.switchgear.adapter.llm;

import dev.switchgear.application.port.out.keyring.ProviderKeyVerifier.KeyCheck;
import dev.switchgear.application.port.out.routing.ProviderConnectivity;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Probes providers with the platform's own keys (keyless local servers without one), through the
 * same per-vendor tests as BYOK keys: the admin connectivity test and the active health check.
 */
public final class PlatformConnectivity implements ProviderConnectivity {

    private final ProviderKeyProbe probe;
    private final Map<String, Optional<String>> platformKeys;

    /** @param platformKeys each probeable provider's platform key, empty for a keyless one */
    public PlatformConnectivity(ProviderKeyProbe probe, Map<String, Optional<String>> platformKeys) {
        this.probe = probe;
        this.platformKeys = Map.copyOf(platformKeys);
    }

    @Override
    public Set<String> probeable() {
        return platformKeys.keySet();
    }

    @Override
    public KeyCheck probe(String provider) {
        return probe.verify(provider, platformKeys.getOrDefault(provider, Optional.empty()).orElse(null),
                Optional.empty());
    }
}
