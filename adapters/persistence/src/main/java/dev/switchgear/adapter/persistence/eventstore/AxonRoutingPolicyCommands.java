package dev.switchgear.adapter.persistence.eventstore;

import dev.switchgear.application.port.out.routing.RoutingPolicyCommands;
import dev.switchgear.domain.routing.RoutingException;
import dev.switchgear.domain.routing.api.PolicyIds;
import java.util.ArrayList;
import java.util.List;
import dev.switchgear.domain.credit.api.ByokPreferenceSet;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.credit.api.PowerLevelChosen;
import dev.switchgear.domain.routing.api.RoutingPolicyCommand;
import dev.switchgear.domain.routing.api.RoutingPolicyEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;

/** The RoutingPolicy aggregate through Axon: commands by the command gateway, history from the event store. */
public class AxonRoutingPolicyCommands implements RoutingPolicyCommands {

    private final CommandGateway gateway;
    private final EventStore eventStore;

    public AxonRoutingPolicyCommands(CommandGateway gateway, EventStore eventStore) {
        this.gateway = gateway;
        this.eventStore = eventStore;
    }

    @Override
    public void send(RoutingPolicyCommand command) {
        AxonCommands.sendAndWait(gateway, command, cause -> {
            if (cause instanceof RoutingException routing) {
                return routing;
            }
            if (cause instanceof AggregateNotFoundException) {
                return new RoutingException("the routing policy is not initialised yet");
            }
            return null;
        });
    }

    @Override
    public PolicyHistory history() {
        DomainEventStream stream = eventStore.readEvents(PolicyIds.PLATFORM);
        List<RoutingPolicyEvent> changes = new ArrayList<>();
        List<CreditAccountEvent> legacy = new ArrayList<>();
        stream.forEachRemaining(message -> {
            Object payload = message.getPayload();
            if (payload instanceof RoutingPolicyEvent change) {
                changes.add(change);
            } else if (payload instanceof PowerLevelChosen || payload instanceof ByokPreferenceSet) {
                legacy.add((CreditAccountEvent) payload);
            } else {
                throw new IllegalStateException("the routing policy's stream holds an event of another kind: "
                        + message.getPayloadType().getName());
            }
        });
        return new PolicyHistory(changes, legacy);
    }
}
