package dev.switchgear.application.port.in.credit;

import dev.switchgear.application.port.in.identity.Caller;
import dev.switchgear.domain.credit.api.AccountId;
import dev.switchgear.domain.credit.api.Tier;
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
}
