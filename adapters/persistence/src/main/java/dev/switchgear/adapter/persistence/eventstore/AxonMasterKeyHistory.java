package dev.switchgear.adapter.persistence.eventstore;

import dev.switchgear.application.port.out.keyring.MasterKeyHistory;
import dev.switchgear.domain.keyring.api.MasterKeyRotated;
import org.axonframework.eventhandling.gateway.EventGateway;

/**
 * Publishes master-key rotations through Axon's event gateway, so they are stored in the event store
 * (as events of no aggregate) and reach the audit processor. The gateway given here carries the
 * dispatch interceptor that adds the request's origin as metadata (wired in bootstrap); the call
 * returns once the event is stored, and fails if it could not be.
 */
public class AxonMasterKeyHistory implements MasterKeyHistory {

    private final EventGateway events;

    public AxonMasterKeyHistory(EventGateway events) {
        this.events = events;
    }

    @Override
    public void recordRotation(MasterKeyRotated rotation) {
        events.publish(rotation);
    }
}
