package dev.switchgear.application.service.credit;

import dev.switchgear.application.port.in.credit.AccountEvent;
import dev.switchgear.application.port.in.credit.BalanceHistoryUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.CreditPosition;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An account's balance as of an instant, folded by {@link CreditPosition#replay} (the domain's own
 * rules) over the beginning of its stream up to the first event stored after the instant. It reads
 * the event store, never the ledger's memory or a read model, so it answers what the events say.
 */
public class BalanceHistoryService implements BalanceHistoryUseCase {

    private final CreditAccountJournal journal;

    public BalanceHistoryService(CreditAccountJournal journal) {
        this.journal = journal;
    }

    @Override
    public BalanceAt balanceAt(Caller caller, AccountId accountId, Instant at) {
        if (!caller.canSee(accountId)) {
            throw new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
        }
        List<CreditAccountJournal.Recorded> stream = journal.read(accountId, 0);
        if (stream.isEmpty()) {
            throw new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
        }
        List<CreditAccountEvent> counted = new ArrayList<>();
        CreditAccountJournal.Recorded last = null;
        for (CreditAccountJournal.Recorded recorded : stream) {
            if (recorded.timestamp().isAfter(at)) {
                break;
            }
            counted.add(recorded.payload());
            last = recorded;
        }
        if (last == null) {
            return new BalanceAt(accountId, at, MicroCredits.ZERO, 0, Optional.empty());
        }
        MicroCredits balance = CreditPosition.replay(counted).balance();
        return new BalanceAt(accountId, at, balance, counted.size(), Optional.of(new AccountEvent(last.sequence(),
                last.payload().getClass().getSimpleName(), last.timestamp(), last.payload())));
    }
}
