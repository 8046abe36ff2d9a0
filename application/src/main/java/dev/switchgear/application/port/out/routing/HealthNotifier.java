package dev.switchgear.application.port.out.routing;

import java.time.Instant;

/**
 * Announces provider down/up transitions (log, webhook, and the health history table). Called by
 * the {@link dev.switchgear.application.service.routing.HealthTransitions} service, to which provider
 * health reports each transition.
 */
public interface HealthNotifier {

    void changed(Transition transition);

    /** A provider (or one of its models, when {@code model} is set) went from one state to another. */
    record Transition(String provider, String model, String from, String to, String reason, Instant at) {
    }
}
