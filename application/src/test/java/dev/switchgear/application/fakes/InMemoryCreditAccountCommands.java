package dev.switchgear.application.fakes;

import dev.switchgear.application.port.out.credit.CreditAccountCommands;
import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.CreditPosition;
import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.GrantCredits;
import dev.switchgear.domain.credit.api.OpenAccount;
import java.util.List;

/**
 * Dispatches the low-rate commands the way the aggregate does: rebuild the position from the
 * stream, decide with the domain's rules, append at the next sequence number.
 */
public class InMemoryCreditAccountCommands implements CreditAccountCommands {

    private final InMemoryCreditAccountJournal journal;

    public InMemoryCreditAccountCommands(InMemoryCreditAccountJournal journal) {
        this.journal = journal;
    }

    @Override
    public void send(Object command) {
        synchronized (journal) {
            if (command instanceof OpenAccount open) {
                if (!journal.read(open.accountId(), 0).isEmpty()) {
                    throw new CreditException(CreditError.ACCOUNT_ALREADY_OPEN, "account exists");
                }
                journal.append(List.of(new CreditAccountJournal.Entry(open.accountId(), 0,
                        new AccountOpened(open.accountId(), open.name(), open.tier(), open.openedAt()), open.openedAt())));
            } else if (command instanceof GrantCredits grant) {
                List<Object> history = journal.payloads(grant.accountId());
                CreditPosition position = CreditPosition.replay(history);
                journal.append(List.of(new CreditAccountJournal.Entry(grant.accountId(), history.size(),
                        position.decide(grant), grant.grantedAt())));
            } else {
                throw new IllegalArgumentException("unknown command " + command);
            }
        }
    }
}
