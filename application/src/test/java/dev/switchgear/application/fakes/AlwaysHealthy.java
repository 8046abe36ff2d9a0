package dev.switchgear.application.fakes;

import dev.switchgear.application.port.out.routing.ModelStatus;
import dev.switchgear.application.port.out.routing.ProviderHealth;
import dev.switchgear.application.port.out.routing.ProviderStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Health that admits every provider except those marked down, and remembers what it was told. */
public class AlwaysHealthy implements ProviderHealth {

    public final List<String> failures = new ArrayList<>();
    public final List<String> successes = new ArrayList<>();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final Map<String, ModelStatus> observed = new ConcurrentHashMap<>();

    /** What the health reports of a model from now on. */
    public void observe(ModelStatus status) {
        observed.put(status.provider() + "/" + status.model(), status);
    }

    public void markDown(String provider) {
        down.add(provider);
    }

    @Override
    public boolean admits(String provider, String model) {
        return !down.contains(provider);
    }

    @Override
    public long latencyMicros(String provider) {
        return 0;
    }

    @Override
    public synchronized void recordSuccess(String provider, String model, long latencyNanos) {
        successes.add(model);
    }

    @Override
    public synchronized void recordFailure(String provider, String model, long latencyNanos, String reason) {
        failures.add(model + ":" + reason);
    }

    @Override
    public void recordProbe(String provider, boolean reachable, long latencyMillis, String detail) {
        if (reachable) {
            down.remove(provider);
        } else {
            down.add(provider);
        }
    }

    @Override
    public List<ProviderStatus> statuses() {
        return List.of();
    }

    @Override
    public Optional<ModelStatus> modelStatus(String provider, String model) {
        return Optional.ofNullable(observed.get(provider + "/" + model));
    }
}
