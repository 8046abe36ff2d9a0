package dev.switchgear.application.port.in.credit;

import dev.switchgear.domain.shared.AccountId;
import java.util.Optional;

/** How accounts stand now, as the request-path ledger holds them in memory (decided charges included). */
public interface AccountStandings {

    /** The account's balance, holds, cap and alert state; empty for an unknown account. */
    Optional<AccountSummary> summary(AccountId accountId);

    /** The account's tier and routing preferences; empty for an unknown account. */
    Optional<AccountStanding> standing(AccountId accountId);

    /** The sequence number of the account's newest event (queued ones included). */
    long lastSequence(AccountId accountId);
}
