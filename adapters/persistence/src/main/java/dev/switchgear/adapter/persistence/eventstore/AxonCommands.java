package dev.switchgear.adapter.persistence.eventstore;

import java.util.function.Function;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Sends a command through Axon and waits for its events to be stored, turning what the handler or
 * the repository threw into the context's own refusal: {@code translate} maps a cause (the domain's
 * exception, an unknown aggregate, a concurrent change) to what the caller should see, or returns
 * null to let Axon's exception through.
 */
final class AxonCommands {

    private AxonCommands() {
    }

    static void sendAndWait(CommandGateway gateway, Object command, Function<Throwable, RuntimeException> translate) {
        try {
            gateway.sendAndWait(command);
        } catch (CommandExecutionException e) {
            RuntimeException translated = e.getCause() == null ? null : translate.apply(e.getCause());
            throw translated != null ? translated : e;
        } catch (AggregateNotFoundException | ConcurrencyException e) {
            RuntimeException translated = translate.apply(e);
            throw translated != null ? translated : e;
        }
    }
}
