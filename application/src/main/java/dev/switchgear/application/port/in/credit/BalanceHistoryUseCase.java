package dev.switchgear.application.port.in.credit;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import java.util.Optional;

/**
 * An account's balance as of any instant, folded from its events (ADR 0025): the longest beginning
 * of its stream whose events were stored at or before the instant.
 */
public interface BalanceHistoryUseCase {

    /** The account itself or the administrator; another account's is ACCOUNT_NOT_FOUND. */
    BalanceAt balanceAt(Caller caller, AccountId accountId, Instant at);

    /** The balance at {@code at}, how many events were folded, and the last one (empty before the account opened). */
    record BalanceAt(AccountId accountId, Instant at, MicroCredits balance, long eventsCounted,
                     Optional<AccountEvent> lastEvent) {
    }
}
