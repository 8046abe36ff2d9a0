package dev.switchgear.application.port.in.credit;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.shared.MicroCredits;

/**
 * An account as the ledger holds it now. {@code reserved} is what requests in flight have put on
 * hold; {@code available} is the balance less those holds. {@code monthToDate} is what was charged this
 * calendar month (UTC), against the {@code monthlyCap} if one is set; {@code lowBalance} is raised
 * when a charge took the balance below {@code lowBalanceThreshold} and lowered by the next top-up.
 */
public record AccountSummary(AccountId accountId, String name, Tier tier, MicroCredits balance,
                             MicroCredits reserved, java.util.Optional<MicroCredits> monthlyCap,
                             MicroCredits monthToDate, MicroCredits lowBalanceThreshold, boolean lowBalance) {

    public AccountSummary(AccountId accountId, String name, Tier tier, MicroCredits balance, MicroCredits reserved) {
        this(accountId, name, tier, balance, reserved, java.util.Optional.empty(), MicroCredits.ZERO,
                MicroCredits.ZERO, false);
    }

    public MicroCredits available() {
        return balance.minus(reserved);
    }
}
