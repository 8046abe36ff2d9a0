package dev.switchgear.adapter.persistence.eventstore;

import dev.switchgear.application.port.out.routing.RoutingPolicyCommands;
import dev.switchgear.domain.routing.RoutingException;
import dev.switchgear.domain.routing.api.PolicyIds;
import java.util.ArrayList;
import java.util.List;
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
    public void send(Object command) {
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
    public List<Object> history() {
        DomainEventStream stream = eventStore.readEvents(PolicyIds.PLATFORM);
        List<Object> events = new ArrayList<>();
        stream.forEachRemaining(message -> events.add(message.getPayload()));
        return events;
    }
}
