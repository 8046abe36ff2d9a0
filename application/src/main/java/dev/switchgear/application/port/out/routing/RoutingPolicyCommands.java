package dev.switchgear.application.port.out.routing;

import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.routing.api.RoutingPolicyCommand;
import dev.switchgear.domain.routing.api.RoutingPolicyEvent;
import java.util.List;

/**
 * The platform's RoutingPolicy aggregate: sends a command and returns once its events are stored;
 * {@link #history()} reads the policy's whole event stream (to fold the catalog from). Domain
 * refusals come back as {@code RoutingException}.
 */
public interface RoutingPolicyCommands {

    void send(RoutingPolicyCommand command);

    /** The policy's stream, oldest first; empty before the catalog was initialised. */
    PolicyHistory history();

    /**
     * The policy's stream split in two: its catalog changes, and the accounts' power-level and BYOK
     * preferences that streams written before ADR 0012 hold here (now the accounts' own).
     */
    record PolicyHistory(List<RoutingPolicyEvent> changes, List<CreditAccountEvent> legacyPreferences) {

        public PolicyHistory {
            changes = List.copyOf(changes);
            legacyPreferences = List.copyOf(legacyPreferences);
        }
    }
}
