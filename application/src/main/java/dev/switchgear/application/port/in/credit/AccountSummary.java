package dev.switchgear.application.port.in.credit;

import dev.switchgear.domain.credit.api.AccountId;
import dev.switchgear.domain.credit.api.Tier;
import dev.switchgear.domain.shared.MicroCredits;

/**
 * An account as the ledger holds it now. {@code reserved} is what requests in flight have put on
 * hold; {@code available} is the balance less those holds.
 */
public record AccountSummary(AccountId accountId, String name, Tier tier, MicroCredits balance,
                             MicroCredits reserved) {

    public MicroCredits available() {
        return balance.minus(reserved);
    }
}
