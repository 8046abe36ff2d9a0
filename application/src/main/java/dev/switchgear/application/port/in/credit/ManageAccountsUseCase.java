package dev.switchgear.application.port.in.credit;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.shared.MicroCredits;
import java.util.List;

/** Opening accounts, granting credits, and reading an account's balance and history. */
public interface ManageAccountsUseCase {

    AccountId open(Caller caller, String name, Tier tier);

    /** Grants credits and returns the balance after the grant. */
    MicroCredits grant(Caller caller, AccountId accountId, MicroCredits amount, String reason);

    /** The account as it stands now; ACCOUNT_NOT_FOUND when the caller may not see it. */
    AccountSummary summary(Caller caller, AccountId accountId);

    /** Every event of the account's stream, oldest first: the audit replay. */
    List<AccountEvent> history(Caller caller, AccountId accountId);

    /** At most {@code limit} of the account's events from {@code fromSequence} on, oldest first. */
    List<AccountEvent> history(Caller caller, AccountId accountId, long fromSequence, int limit);

    /** The sequence number of the account's newest event. */
    long lastSequence(Caller caller, AccountId accountId);

    /** Sets (or, empty, removes) the account's monthly spending cap; the account itself or the administrator. */
    AccountSummary setMonthlyCap(Caller caller, AccountId accountId, java.util.Optional<MicroCredits> cap);

    /** Sets (or, empty, returns to the default) the low-balance threshold; the account itself or the administrator. */
    AccountSummary setLowBalanceThreshold(Caller caller, AccountId accountId,
                                          java.util.Optional<MicroCredits> threshold);

    /**
     * How long the credits will last: the trailing 7 days' charges, their daily average, and the
     * days the available balance covers at that rate (empty when nothing was spent).
     */
    CreditOutlook outlook(Caller caller, AccountId accountId);

    record CreditOutlook(MicroCredits last7Days, MicroCredits dailyBurn, java.util.Optional<java.math.BigDecimal> daysLeft) {
    }

    /** The administrator takes credits back; the balance may go below zero. */
    MicroCredits refund(Caller caller, AccountId accountId, MicroCredits amount, String reason);
}
