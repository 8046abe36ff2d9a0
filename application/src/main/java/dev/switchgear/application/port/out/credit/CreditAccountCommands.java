package dev.switchgear.application.port.out.credit;

import dev.switchgear.domain.credit.api.CreditAccountCommand;

/**
 * Sends a low-rate command (open an account, grant credits, set a preference) to the CreditAccount aggregate and
 * returns once its events are stored. Domain refusals come back as the domain's exceptions.
 */
public interface CreditAccountCommands {

    void send(CreditAccountCommand command);
}
