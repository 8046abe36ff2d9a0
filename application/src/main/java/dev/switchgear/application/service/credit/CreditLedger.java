package dev.switchgear.application.service.credit;

import dev.switchgear.application.port.in.credit.AccountSummary;
import dev.switchgear.application.port.out.credit.CreditAccountCommands;
import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.CreditPosition;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.credit.api.ChargeUsage;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.TokenUsage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The request-path ledger of credit accounts (ADR 0004): the single writer of every CreditAccount
 * stream on this node.
 *
 * <p>Each account's {@link CreditPosition} lives in memory with the holds of its requests in
 * flight, so admission costs no database round trip. Charges are decided by the position's own
 * rules under the account's lock, given the next sequence number of the account's stream, and
 * queued; one writer thread appends whatever has queued, across all accounts, in one transaction
 * (group commit: no timer, so a lone request waits for one commit, and a busy node writes many
 * events per commit). Each caller gets a future that completes when its event is durable.
 *
 * <p>Low-rate commands (grants) go through the aggregate via {@link #execute}; that first lets the
 * account's queued events reach the store, runs the command, then reads the new events back, so
 * the ledger and Axon never append to one stream unaware of each other.
 *
 * <p>If an append fails, its callers get the failure, and the accounts it touched are reloaded from
 * the store before their next decision; entries queued behind the failure for those accounts are
 * failed too, so a stream never gets a gap.
 */
public final class CreditLedger implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CreditLedger.class.getName());
    private static final CompletableFuture<Object> NOTHING_PENDING = CompletableFuture.completedFuture(null);

    private final CreditAccountJournal journal;
    private final CreditAccountCommands commands;
    private final Clock clock;
    private final int maxBatch;
    private final ConcurrentHashMap<AccountId, Book> books = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final LongAdder batches = new LongAdder();
    private final LongAdder eventsWritten = new LongAdder();
    private volatile boolean running = true;

    public CreditLedger(CreditAccountJournal journal, CreditAccountCommands commands, Clock clock, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be positive");
        }
        this.journal = journal;
        this.commands = commands;
        this.clock = clock;
        this.maxBatch = maxBatch;
        this.writer = new Thread(this::writeLoop, "credit-ledger-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Money reserved for one request in flight, until it is settled or released. */
    public record Hold(AccountId accountId, RequestId requestId, MicroCredits amount) {
    }

    /**
     * Reserves {@code estimate} for a request about to go upstream. Refuses with
     * INSUFFICIENT_CREDITS when the balance not already reserved cannot cover it, and with
     * REQUEST_ALREADY_CHARGED when the request id was charged or is in flight.
     */
    public Hold admit(AccountId accountId, RequestId requestId, MicroCredits estimate) {
        return admit(accountId, requestId, estimate, false);
    }

    /** Admission as above, for a call on the caller's own provider key when {@code byok}. */
    public Hold admit(AccountId accountId, RequestId requestId, MicroCredits estimate, boolean byok) {
        Book book = book(accountId);
        book.lock.lock();
        try {
            book.awaitNoCommand();
            refreshIfStale(book);
            if (book.holds.containsKey(requestId.value())) {
                throw new CreditException(CreditError.REQUEST_ALREADY_CHARGED,
                        "request id " + requestId + " is already in flight");
            }
            book.position.admit(requestId.value(), estimate, book.reserved, byok, clock.instant());
            book.holds.put(requestId.value(), estimate);
            book.reserved = book.reserved.plus(estimate);
            return new Hold(accountId, requestId, estimate);
        } finally {
            book.lock.unlock();
        }
    }

    /** A decided charge and the future of its durable write. */
    public record Settlement(UsageCharged charge, CompletableFuture<UsageCharged> durable) {
    }

    /** Gives a hold back: the request failed before it used anything. */
    public void release(Hold hold) {
        Book book = books.get(hold.accountId());
        if (book == null) {
            return;
        }
        book.lock.lock();
        try {
            MicroCredits held = book.holds.remove(hold.requestId().value());
            if (held != null) {
                book.reserved = book.reserved.minus(held);
            }
        } finally {
            book.lock.unlock();
        }
    }

    /**
     * Settles a hold at the actual usage: decides the charge, applies it to the position at once
     * (so the next admission sees it) and queues its event. The settlement's future completes
     * once the event is durable, or exceptionally when the append failed.
     */
    public Settlement settle(Hold hold, String model, String provider, TokenUsage usage,
                                                  boolean usageEstimated, ModelPrice price) {
        return settle(hold, model, provider, usage, usageEstimated, price, false);
    }

    /** Settles as above; {@code byok} records that the call used the caller's own provider key. */
    public Settlement settle(Hold hold, String model, String provider, TokenUsage usage, boolean usageEstimated,
                             ModelPrice price, boolean byok) {
        return settle(hold, model, provider, usage, usageEstimated, price, byok, ModelPrice.FULL, null);
    }

    /**
     * Settles as above at {@code multiplierBasisPoints} of the price (the power level's), recording
     * how the request was routed with the charge.
     */
    public Settlement settle(Hold hold, String model, String provider, TokenUsage usage, boolean usageEstimated,
                             ModelPrice price, boolean byok, int multiplierBasisPoints, RoutingTrace routing) {
        Book book = book(hold.accountId());
        book.lock.lock();
        try {
            book.awaitNoCommand();
            MicroCredits held = book.holds.remove(hold.requestId().value());
            if (held == null) {
                throw new IllegalStateException("no hold for request " + hold.requestId());
            }
            book.reserved = book.reserved.minus(held);
            refreshIfStale(book);
            UsageCharged event = book.position.decide(new ChargeUsage(hold.accountId(), hold.requestId(), model,
                    provider, usage, usageEstimated, price, held, clock.instant(), byok, multiplierBasisPoints, routing),
                    book.reserved);
            book.position.apply(event);
            Pending pending = new Pending(book, book.epoch, ++book.lastSequence, event, event.accountId(),
                    event.chargedAt());
            book.lastWrite = pending.future;
            queue.add(pending);
            book.position.alertAfter(event).ifPresent(alert -> {
                // the low-balance alert goes into the stream right behind the charge that caused it
                book.position.apply(alert);
                Pending alerted = new Pending(book, book.epoch, ++book.lastSequence, alert, alert.accountId(),
                        alert.at());
                book.lastWrite = alerted.future;
                queue.add(alerted);
            });
            return new Settlement(event, pending.future.thenApply(stored -> (UsageCharged) stored));
        } finally {
            book.lock.unlock();
        }
    }

    /**
     * Runs a low-rate command on an account's aggregate: waits until the account's queued events
     * are durable (holding new decisions back meanwhile), sends the command, and folds the events
     * it stored into the in-memory position.
     */
    public void execute(AccountId accountId, Object command) {
        Book book = book(accountId);
        book.lock.lock();
        try {
            book.awaitNoCommand();
            book.commandInProgress = true;
            try {
                CompletableFuture<Object> last = book.lastWrite;
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
                    for (CreditAccountJournal.Recorded recorded : journal.read(accountId, book.lastSequence + 1)) {
                        book.position.apply(recorded.payload());
                        book.lastSequence = recorded.sequence();
                    }
                }
            } finally {
                book.commandInProgress = false;
                book.noCommand.signalAll();
            }
        } finally {
            book.lock.unlock();
        }
    }

    /** The account as it stands in memory (every decided charge included), if it exists. */
    /** The sequence number of the account's newest event (queued ones included). */
    public long lastSequence(AccountId accountId) {
        Book book = book(accountId);
        book.lock.lock();
        try {
            return book.lastSequence;
        } finally {
            book.lock.unlock();
        }
    }

    /** The account's tier (fails with ACCOUNT_NOT_FOUND for an unknown account). */
    public dev.switchgear.domain.shared.Tier tierOf(AccountId accountId) {
        Book book = book(accountId);
        book.lock.lock();
        try {
            return book.position.tier();
        } finally {
            book.lock.unlock();
        }
    }

    public Optional<AccountSummary> summary(AccountId accountId) {
        Book book;
        try {
            book = book(accountId);
        } catch (CreditException e) {
            if (e.code() == CreditError.ACCOUNT_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        book.lock.lock();
        try {
            refreshIfStale(book);
            CreditPosition p = book.position;
            return Optional.of(new AccountSummary(accountId, p.name(), p.tier(), p.balance(), book.reserved,
                    p.monthlyCap(), p.spentInMonthOf(clock.instant()), p.effectiveThreshold(), p.lowBalance()));
        } finally {
            book.lock.unlock();
        }
    }

    /** Batches appended and events written since start: how well group commit is batching. */
    public Stats stats() {
        return new Stats(batches.sum(), eventsWritten.sum(), queue.size());
    }

    /** Counters of the writer. */
    public record Stats(long batches, long events, int queued) {
    }

    /** Stops taking new work after the queue is drained: every queued event is written or failed. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    private void load(Book book, AccountId accountId) {
        List<CreditAccountJournal.Recorded> history = journal.read(accountId, 0);
        List<Object> payloads = new ArrayList<>(history.size());
        for (CreditAccountJournal.Recorded recorded : history) {
            payloads.add(recorded.payload());
        }
        book.position = CreditPosition.replay(payloads);
        book.lastSequence = history.get(history.size() - 1).sequence();
    }

    private void refreshIfStale(Book book) {
        if (book.stale) {
            load(book, book.position.accountId());
            book.stale = false;
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "credit ledger writer failed; failing its batch", e);
                for (Pending pending : batch) {
                    pending.future.completeExceptionally(e);
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        List<Pending> live = new ArrayList<>(batch.size());
        List<CreditAccountJournal.Entry> entries = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            if (pending.epoch != pending.book.epoch) {
                pending.future.completeExceptionally(
                        new IllegalStateException("an earlier charge of this account could not be stored"));
                continue;
            }
            live.add(pending);
            entries.add(new CreditAccountJournal.Entry(pending.accountId, pending.sequence, pending.event,
                    pending.timestamp));
        }
        if (live.isEmpty()) {
            return;
        }
        try {
            journal.append(entries);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "appending " + entries.size() + " usage events failed; reloading their accounts", e);
            Map<Book, Boolean> touched = new IdentityHashMap<>();
            for (Pending pending : live) {
                touched.put(pending.book, Boolean.TRUE);
            }
            for (Book book : touched.keySet()) {
                book.lock.lock();
                try {
                    book.epoch++;
                    book.stale = true;
                } finally {
                    book.lock.unlock();
                }
            }
            for (Pending pending : live) {
                pending.future.completeExceptionally(e);
            }
            return;
        }
        batches.increment();
        eventsWritten.add(live.size());
        for (Pending pending : live) {
            pending.future.complete(pending.event);
        }
    }

    /** One account's in-memory state; every field is guarded by {@link #lock}. */
    private static final class Book {
        final ReentrantLock lock = new ReentrantLock();
        final Condition noCommand = lock.newCondition();
        final Map<String, MicroCredits> holds = new HashMap<>();
        CreditPosition position;
        long lastSequence;
        long epoch;
        boolean stale;
        boolean commandInProgress;
        MicroCredits reserved = MicroCredits.ZERO;
        CompletableFuture<Object> lastWrite = NOTHING_PENDING;

        void awaitNoCommand() {
            while (commandInProgress) {
                noCommand.awaitUninterruptibly();
            }
        }
    }

    private static final class Pending {
        final Book book;
        final long epoch;
        final long sequence;
        final Object event;
        final AccountId accountId;
        final java.time.Instant timestamp;
        final CompletableFuture<Object> future = new CompletableFuture<>();

        Pending(Book book, long epoch, long sequence, Object event, AccountId accountId, java.time.Instant timestamp) {
            this.book = book;
            this.epoch = epoch;
            this.sequence = sequence;
            this.event = event;
            this.accountId = accountId;
            this.timestamp = timestamp;
        }
    }
}
