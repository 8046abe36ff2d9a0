package dev.switchgear.adapter.persistence.eventstore;

import dev.switchgear.application.port.out.credit.CreditAccountCommands;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import org.axonframework.commandhandling.CommandExecutionException;
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
    public void send(Object command) {
        try {
            gateway.sendAndWait(command);
        } catch (CommandExecutionException e) {
            throw unwrap(e);
        } catch (AggregateNotFoundException e) {
            throw new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
        } catch (ConcurrencyException e) {
            throw new CreditException(CreditError.ACCOUNT_ALREADY_OPEN, "the account changed concurrently or exists");
        }
    }

    private static RuntimeException unwrap(CommandExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof CreditException credit) {
            return credit;
        }
        if (cause instanceof AggregateNotFoundException) {
            return new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
        }
        return e;
    }
}
