package dev.switchgear.application.service.routing;

import dev.switchgear.application.port.in.routing.ReportHealthTransitionUseCase;
import dev.switchgear.application.port.out.routing.HealthNotifier;
import java.util.List;

/**
 * Announces each provider health transition through every {@link HealthNotifier}, in order. A
 * notifier that fails is logged (by its class, never its message) and the others still hear of the
 * transition: an announcement never fails the call or probe that caused it.
 */
public final class HealthTransitions implements ReportHealthTransitionUseCase {

    private static final System.Logger LOG = System.getLogger(HealthTransitions.class.getName());

    private final List<HealthNotifier> notifiers;

    public HealthTransitions(List<HealthNotifier> notifiers) {
        this.notifiers = List.copyOf(notifiers);
    }

    @Override
    public void report(HealthNotifier.Transition transition) {
        for (HealthNotifier notifier : notifiers) {
            try {
                notifier.changed(transition);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a health notifier failed: {0}", e.getClass().getSimpleName());
            }
        }
    }
}
