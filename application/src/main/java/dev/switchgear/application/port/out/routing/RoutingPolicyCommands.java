package dev.switchgear.application.port.out.routing;

import java.util.List;

/**
 * The platform's RoutingPolicy aggregate: sends a command and returns once its events are stored;
 * {@link #history()} reads the policy's whole event stream (to fold the catalog from). Domain
 * refusals come back as {@code RoutingException}.
 */
public interface RoutingPolicyCommands {

    void send(Object command);

    /** The policy's events, oldest first; empty before the catalog was initialised. */
    List<Object> history();
}
