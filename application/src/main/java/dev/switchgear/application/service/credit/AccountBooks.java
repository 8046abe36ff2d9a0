package dev.switchgear.application.service.credit;

import dev.switchgear.application.port.in.credit.AccountChanges;
import dev.switchgear.application.port.in.credit.AccountStanding;
import dev.switchgear.application.port.in.credit.AccountStandings;
import dev.switchgear.application.port.in.credit.AccountSummary;
import dev.switchgear.application.port.out.credit.CreditAccountCommands;
import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.CreditPosition;
import dev.switchgear.domain.credit.api.CreditAccountCommand;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The account books of the request path (ADR 0004): each account's {@link CreditPosition} held in
 * memory with the holds of its requests in flight, loaded from its stream on first use and reloaded
 * after a failed write. One lock per account guards its book; {@link #withBook} is the one way in.
 *
 * <p>Low-rate commands ({@link #execute}) go through the account's aggregate: that first lets the
 * account's queued charges reach the store (holding new decisions back meanwhile), runs the
 * command, then folds the events it stored, so the ledger and Axon never append to one stream
 * unaware of each other.
 */
public final class AccountBooks implements AccountStandings, AccountChanges {

    static final CompletableFuture<CreditAccountEvent> NOTHING_PENDING = CompletableFuture.completedFuture(null);

    private final CreditAccountJournal journal;
    private final CreditAccountCommands commands;
    private final Clock clock;
    private final ConcurrentHashMap<AccountId, Book> books = new ConcurrentHashMap<>();

    public AccountBooks(CreditAccountJournal journal, CreditAccountCommands commands, Clock clock) {
        this.journal = journal;
        this.commands = commands;
        this.clock = clock;
    }

    /**
     * Runs {@code work} on the account's book under its lock, once no low-rate command is running on
     * it and its position is fresh. Fails with ACCOUNT_NOT_FOUND for an unknown account.
     */
    <T> T withBook(AccountId accountId, Function<Book, T> work) {
        Book book = book(accountId);
        book.lock.lock();
        try {
            book.awaitNoCommand();
            refreshIfStale(book);
            return work.apply(book);
        } finally {
            book.lock.unlock();
        }
    }

    /** Marks the books stale after a failed write: their next use reloads them, and what was queued behind fails. */
    void invalidate(Book book) {
        book.lock.lock();
        try {
            book.epoch++;
            book.stale = true;
        } finally {
            book.lock.unlock();
        }
    }

    @Override
    public void execute(AccountId accountId, CreditAccountCommand command) {
        if (!command.accountId().equals(accountId)) {
            throw new IllegalArgumentException("the command is for another account");
        }
        Book book = book(accountId);
        book.lock.lock();
        try {
            book.awaitNoCommand();
            book.commandInProgress = true;
            try {
                CompletableFuture<CreditAccountEvent> last = book.lastWrite;
                while (!last.isDone()) {
                    book.lock.unlock();
                    try {
                        last.handle((event, failure) -> null).join();
                    } finally {
                        book.lock.lock();
                    }
                    last = book.lastWrite;
                }
                refreshIfStale(book);
                try {
                    commands.send(command);
                } finally {
                    foldStored(book, journal.read(accountId, book.lastSequence + 1));
                }
            } finally {
                book.commandInProgress = false;
                book.noCommand.signalAll();
            }
        } finally {
            book.lock.unlock();
        }
    }

    @Override
    public Optional<AccountSummary> summary(AccountId accountId) {
        return known(accountId, book -> {
            CreditPosition p = book.position;
            return new AccountSummary(accountId, p.name(), p.tier(), p.balance(), book.reserved, p.monthlyCap(),
                    p.spentInMonthOf(clock.instant()), p.effectiveThreshold(), p.lowBalance());
        });
    }

    /**
     * Read without the account's lock: the standing changes only by a low-rate command (or a
     * reload), which publishes the new one when it is done.
     */
    @Override
    public Optional<AccountStanding> standing(AccountId accountId) {
        try {
            return Optional.of(book(accountId).standing);
        } catch (CreditException e) {
            if (e.code() == CreditError.ACCOUNT_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public long lastSequence(AccountId accountId) {
        return withBook(accountId, book -> book.lastSequence);
    }

    static AccountStanding standingOf(Book book) {
        CreditPosition p = book.position;
        return new AccountStanding(p.accountId(), p.tier(), p.powerLevel(), p.prefersByok(), p.requestsPerMinute(),
                p.tokensPerMinute());
    }

    private <T> Optional<T> known(AccountId accountId, Function<Book, T> read) {
        try {
            return Optional.of(withBook(accountId, read));
        } catch (CreditException e) {
            if (e.code() == CreditError.ACCOUNT_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Book book(AccountId accountId) {
        Book book = books.get(accountId);
        if (book != null) {
            return book;
        }
        Book loaded = new Book();
        load(loaded, accountId);
        Book raced = books.putIfAbsent(accountId, loaded);
        return raced != null ? raced : loaded;
    }

    /**
     * Brings the loaded accounts up to the heads of their streams in the store (ADR 0030): an account
     * another node wrote to has the events it has not seen folded into its position, unless it is
     * waiting for a write of its own (that write meets the other node's and is rebased) or a command.
     * Returns how many accounts were refreshed.
     */
    int catchUp(java.util.Map<AccountId, Long> heads) {
        int refreshed = 0;
        for (java.util.Map.Entry<AccountId, Long> head : heads.entrySet()) {
            Book book = books.get(head.getKey());
            if (book == null || !book.lock.tryLock()) {
                continue;
            }
            try {
                if (head.getValue() <= book.lastSequence || !book.lastWrite.isDone() || book.commandInProgress
                        || book.stale) {
                    continue;
                }
                foldStored(book, journal.read(head.getKey(), book.lastSequence + 1));
                refreshed++;
            } finally {
                book.lock.unlock();
            }
        }
        return refreshed;
    }

    /**
     * Folds events read from the store into a book with nothing unstored (its position is its
     * durable one); call under its lock.
     */
    private static void foldStored(Book book, List<CreditAccountJournal.Recorded> stored) {
        for (CreditAccountJournal.Recorded recorded : stored) {
            book.position.apply(recorded.payload());
            book.durable.apply(recorded.payload());
            book.lastSequence = recorded.sequence();
            book.durableSequence = recorded.sequence();
        }
        book.standing = standingOf(book);
    }

    /**
     * After a conflict (ADR 0030): folds what other nodes stored since the book's durable position
     * into it — a read of the new events only, not of the whole stream — and makes a copy of it the
     * book's position, on which the caller decides its unstored charges again. Call under the lock.
     */
    void rebaseOnStore(Book book) {
        for (CreditAccountJournal.Recorded recorded : journal.read(book.accountId(), book.durableSequence + 1)) {
            book.durable.apply(recorded.payload());
            book.durableSequence = recorded.sequence();
        }
        book.position = book.durable.copy();
        book.lastSequence = book.durableSequence;
        book.stale = false;
    }

    /** The events {@code stored} were appended by this node's writer: its durable position moves on. Takes the lock. */
    void stored(Book book, List<QueuedEvent> stored) {
        book.lock.lock();
        try {
            for (QueuedEvent event : stored) {
                if (event.sequence() == book.durableSequence + 1 && event.epoch() == book.epoch) {
                    book.durable.apply(event.event());
                    book.durableSequence = event.sequence();
                }
            }
        } finally {
            book.lock.unlock();
        }
    }

    /** Whether the store holds a charge of the request id in the account's stream (ADR 0032); no lock. */
    boolean chargedBefore(AccountId accountId, dev.switchgear.domain.shared.RequestId requestId) {
        return journal.hasCharge(accountId, requestId);
    }

    /** The accounts held in memory. */
    java.util.Set<AccountId> loaded() {
        return java.util.Set.copyOf(books.keySet());
    }

    private void load(Book book, AccountId accountId) {
        List<CreditAccountJournal.Recorded> history = journal.read(accountId, 0);
        List<CreditAccountEvent> payloads = new ArrayList<>(history.size());
        for (CreditAccountJournal.Recorded recorded : history) {
            payloads.add(recorded.payload());
        }
        book.durable = CreditPosition.replay(payloads);
        book.position = book.durable.copy();
        book.lastSequence = history.get(history.size() - 1).sequence();
        book.durableSequence = book.lastSequence;
        book.standing = standingOf(book);
    }

    private void refreshIfStale(Book book) {
        if (book.stale) {
            load(book, book.position.accountId());
            book.stale = false;
        }
    }

    /** One account's in-memory state; every field is guarded by {@link #lock}. */
    static final class Book {
        final ReentrantLock lock = new ReentrantLock();
        final Condition noCommand = lock.newCondition();
        final Map<String, MicroCredits> holds = new HashMap<>();
        /** Requests settled whose charge and kept answer are not durable yet (read under the lock, emptied by the writer). */
        final java.util.Set<String> settling = ConcurrentHashMap.newKeySet();
        CreditPosition position;
        long lastSequence;
        /** The position as the store holds it (no unstored charge applied) and its last sequence (ADR 0030). */
        CreditPosition durable;
        long durableSequence;
        long epoch;
        boolean stale;
        boolean commandInProgress;
        MicroCredits reserved = MicroCredits.ZERO;
        CompletableFuture<CreditAccountEvent> lastWrite = NOTHING_PENDING;
        /** The standing as of the last load or command: written under the lock, read without it. */
        volatile AccountStanding standing;

        void awaitNoCommand() {
            while (commandInProgress) {
                noCommand.awaitUninterruptibly();
            }
        }

        AccountId accountId() {
            return position.accountId();
        }
    }
}
