package dev.switchgear.application.service.identity;

import dev.switchgear.application.fakes.InMemoryCreditAccountCommands;
import dev.switchgear.application.fakes.InMemoryCreditAccountJournal;
import dev.switchgear.application.fakes.InMemoryIdentityStores;
import dev.switchgear.application.fakes.InMemoryKeyLookupCache;
import dev.switchgear.application.fakes.TestClock;
import dev.switchgear.application.port.in.credit.AccountChanges;
import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.credit.api.OpenAccount;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One ledger over in-memory fakes, whose account changes are projected into the key store right
 * after they are stored (as the subscribing projection does in the same transaction), and any number
 * of nodes — each its own caches and last-use memory — over that one store.
 */
final class KeysFixture implements AutoCloseable {

    static final Duration TTL = Duration.ofSeconds(30);

    final TestClock clock = new TestClock(Instant.parse("2026-06-15T12:00:00Z"));
    final InMemoryCreditAccountJournal journal = new InMemoryCreditAccountJournal();
    final InMemoryCreditAccountCommands commands = new InMemoryCreditAccountCommands(journal);
    final CreditLedger ledger = new CreditLedger(journal, commands, clock, 16);
    final InMemoryIdentityStores store = new InMemoryIdentityStores();
    final AccountChanges changes = this::executeAndProject;

    private void executeAndProject(AccountId accountId, dev.switchgear.domain.credit.api.CreditAccountCommand command) {
        long before = journal.read(accountId, 0).size();
        try {
            ledger.changes().execute(accountId, command);
        } finally {
            for (CreditAccountJournal.Recorded recorded : journal.read(accountId, before)) {
                store.project(recorded.payload());
            }
        }
    }

    AccountId open() {
        AccountId account = AccountId.of(UUID.randomUUID());
        commands.send(new OpenAccount(account, "Acme", Tier.STARTER, clock.instant()));
        return account;
    }

    java.util.List<CreditAccountEvent> events(AccountId account) {
        return journal.payloads(account);
    }

    /** One gateway node: its own caches and last-use memory over the shared store and ledger. */
    Node node() {
        KnownKeys known = new KnownKeys(store, new InMemoryKeyLookupCache<>(clock, TTL),
                new InMemoryKeyLookupCache<>(clock, TTL));
        LastUseRecorder lastUse = new LastUseRecorder(store);
        return new Node(new ApiKeyService(known, store, lastUse, clock),
                new AccountKeysService(store, known, lastUse, ledger.standings(), changes, clock, UUID::randomUUID),
                lastUse);
    }

    record Node(ApiKeyService auth, AccountKeysService keys, LastUseRecorder lastUse) {
    }

    @Override
    public void close() {
        ledger.close();
    }
}
