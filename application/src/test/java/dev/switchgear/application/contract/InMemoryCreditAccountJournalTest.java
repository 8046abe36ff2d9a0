package dev.switchgear.application.contract;

import dev.switchgear.application.fakes.InMemoryCreditAccountJournal;
import dev.switchgear.application.port.out.credit.CreditAccountJournal;

class InMemoryCreditAccountJournalTest extends CreditAccountJournalContract {

    private final InMemoryCreditAccountJournal journal = new InMemoryCreditAccountJournal();

    @Override
    protected CreditAccountJournal journal() {
        return journal;
    }
}
