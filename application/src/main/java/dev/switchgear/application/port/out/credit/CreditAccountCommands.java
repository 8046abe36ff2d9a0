package dev.switchgear.application.port.out.credit;

/**
 * Sends a low-rate command (open an account, grant credits) to the CreditAccount aggregate and
 * returns once its events are stored. Domain refusals come back as the domain's exceptions.
 */
public interface CreditAccountCommands {

    void send(Object command);
}
