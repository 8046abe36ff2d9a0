package dev.switchgear.application.service.routing;

import static dev.switchgear.application.service.routing.RoutingAccess.requireAdmin;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.routing.TestProviderUseCase;
import dev.switchgear.application.port.out.keyring.ProviderKeyVerifier.KeyCheck;
import dev.switchgear.application.port.out.routing.ProviderConnectivity;
import dev.switchgear.application.port.out.routing.ProviderHealth;
import dev.switchgear.domain.keyring.api.KeyTestStatus;
import dev.switchgear.domain.routing.Catalog;
import dev.switchgear.domain.routing.RoutingException;
import java.util.function.Supplier;

/**
 * Active health checks: a provider probed with the platform's key, on the administrator's demand
 * or for all of them on a schedule; every result is fed to provider health.
 */
public class ProviderProbeService implements TestProviderUseCase {

    private final Supplier<Catalog> catalog;
    private final ProviderHealth health;
    private final ProviderConnectivity connectivity;

    public ProviderProbeService(Supplier<Catalog> catalog, ProviderHealth health, ProviderConnectivity connectivity) {
        this.catalog = catalog;
        this.health = health;
        this.connectivity = connectivity;
    }

    @Override
    public KeyCheck test(Caller caller, String providerId) {
        requireAdmin(caller);
        if (catalog.get().provider(providerId).isEmpty() && !connectivity.probeable().contains(providerId)) {
            throw new RoutingException("no provider " + providerId);
        }
        if (!connectivity.probeable().contains(providerId)) {
            return new KeyCheck(KeyTestStatus.UNREACHABLE, 0, "provider " + providerId
                    + " has no platform connection here (no base URL or no platform key)");
        }
        return probe(providerId);
    }

    /** The active health check: probes every probeable provider once. */
    public void probeAll() {
        for (String provider : connectivity.probeable()) {
            probe(provider);
        }
    }

    private KeyCheck probe(String providerId) {
        KeyCheck check = connectivity.probe(providerId);
        health.recordProbe(providerId, check.status() == KeyTestStatus.VALID, check.latencyMillis(), check.detail());
        return check;
    }
}
