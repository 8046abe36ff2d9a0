package dev.switchgear.application.port.in.routing;

import dev.switchgear.application.port.out.routing.HealthNotifier;

/**
 * Where provider health reports each change it sees: a model's circuit opening, trying again or
 * closing, and the active probe finding a provider down or back up. Called by the
 * {@link dev.switchgear.application.port.out.routing.ProviderHealth} implementation; the service
 * behind it announces each transition through every {@link HealthNotifier} (log, history table,
 * webhook).
 */
@FunctionalInterface
public interface ReportHealthTransitionUseCase {

    void report(HealthNotifier.Transition transition);
}
