package dev.switchgear.application.port.out.routing;

import dev.switchgear.domain.routing.Router;
import java.util.List;
import java.util.Optional;

/**
 * Provider health: a circuit breaker per provider and model fed by real traffic (passive), probe
 * results (active), and success rate and latency over sliding windows. The router asks it whether a
 * model may be called. Down and up transitions are reported to the
 * {@link dev.switchgear.application.port.in.routing.ReportHealthTransitionUseCase}, which announces
 * them through the {@link HealthNotifier}s.
 */
public interface ProviderHealth extends Router.Health {

    void recordSuccess(String provider, String model, long latencyNanos);

    void recordFailure(String provider, String model, long latencyNanos, String reason);

    /** An active probe's result: a reachable provider closes its open circuits, an unreachable one opens them. */
    void recordProbe(String provider, boolean reachable, long latencyMillis, String detail);

    List<ProviderStatus> statuses();

    /**
     * The model's own success rate and latency over its last calls on this node; empty when it was
     * never called here (or is not one the health keeps windows for: only catalog models are).
     */
    Optional<ModelStatus> modelStatus(String provider, String model);
}
