package dev.switchgear.application.port.in.credit;

import dev.switchgear.domain.credit.api.CreditAccountCommand;
import dev.switchgear.domain.shared.AccountId;

/**
 * Low-rate changes of an account (grants, purchases, refunds, caps, preferences) through its
 * aggregate, ordered with the charges the request path writes to the same stream.
 */
public interface AccountChanges {

    /** Runs the command on the account's aggregate; returns once its events are stored and in memory. */
    void execute(AccountId accountId, CreditAccountCommand command);
}
