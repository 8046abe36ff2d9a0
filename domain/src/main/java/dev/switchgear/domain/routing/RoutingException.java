package dev.switchgear.domain.routing;

/** A refusal of the routing policy (an inconsistent catalog change); the message is safe to show. */
public class RoutingException extends RuntimeException {

    public RoutingException(String message) {
        super(message, null, false, false);
    }
}
