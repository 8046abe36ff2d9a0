package dev.switchgear.adapter.persistence.eventstore;

import dev.switchgear.domain.credit.api.CreditAccountCommand;

import dev.switchgear.application.port.out.credit.CreditAccountCommands;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;

/** Sends CreditAccount commands through Axon's command gateway and waits for their events to be stored. */
public class AxonCreditAccountCommands implements CreditAccountCommands {

    private final CommandGateway gateway;

    public AxonCreditAccountCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void send(CreditAccountCommand command) {
        AxonCommands.sendAndWait(gateway, command, cause -> {
            if (cause instanceof CreditException credit) {
                return credit;
            }
            if (cause instanceof AggregateNotFoundException) {
                return new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
            }
            if (cause instanceof ConcurrencyException) {
                return new CreditException(CreditError.ACCOUNT_ALREADY_OPEN, "the account changed concurrently or exists");
            }
            return null;
        });
    }
}
