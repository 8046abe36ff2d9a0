package dev.switchgear.adapter.persistence.eventstore;

import dev.switchgear.application.port.out.audit.RebuildHistory;
import dev.switchgear.domain.audit.api.ProjectionRebuilt;
import org.axonframework.eventhandling.gateway.EventGateway;

/**
 * Publishes rebuilds through Axon's event gateway, like {@link AxonMasterKeyHistory}: stored as
 * events of no aggregate, with the request's origin as metadata, and projected into the audit log.
 */
public class AxonRebuildHistory implements RebuildHistory {

    private final EventGateway events;

    public AxonRebuildHistory(EventGateway events) {
        this.events = events;
    }

    @Override
    public void recordRebuild(ProjectionRebuilt rebuild) {
        events.publish(rebuild);
    }
}
