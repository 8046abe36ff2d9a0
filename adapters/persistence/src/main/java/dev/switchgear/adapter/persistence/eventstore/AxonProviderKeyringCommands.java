package dev.switchgear.adapter.persistence.eventstore;

import dev.switchgear.domain.keyring.api.ProviderKeyringCommand;

import dev.switchgear.application.port.out.keyring.ProviderKeyringCommands;
import dev.switchgear.domain.keyring.KeyringError;
import dev.switchgear.domain.keyring.KeyringException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Sends ProviderKeyring commands through Axon's command gateway and waits until their events are
 * stored (and, the keyring projection being subscribing, the read model shows them).
 */
public class AxonProviderKeyringCommands implements ProviderKeyringCommands {

    private final CommandGateway gateway;

    public AxonProviderKeyringCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void send(ProviderKeyringCommand command) {
        AxonCommands.sendAndWait(gateway, command, cause -> {
            if (cause instanceof KeyringException keyring) {
                return keyring;
            }
            if (cause instanceof AggregateNotFoundException) {
                return new KeyringException(KeyringError.KEY_NOT_FOUND, "no provider keys are stored for this account");
            }
            if (cause instanceof ConcurrencyException) {
                return new KeyringException(KeyringError.INVALID_KEY, "the keyring changed concurrently; try again");
            }
            return null;
        });
    }
}
