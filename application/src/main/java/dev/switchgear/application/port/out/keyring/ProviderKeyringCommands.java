package dev.switchgear.application.port.out.keyring;

import dev.switchgear.domain.keyring.api.ProviderKeyringCommand;

/**
 * Sends a command to an account's ProviderKeyring aggregate and returns once its events are stored
 * and the keyring read model shows them. Domain refusals come back as the domain's exceptions.
 */
public interface ProviderKeyringCommands {

    void send(ProviderKeyringCommand command);
}
