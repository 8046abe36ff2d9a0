package dev.switchgear.application.service.credit;

import dev.switchgear.application.port.in.credit.UsageSettlement;
import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.application.port.out.credit.KeptAnswer;
import dev.switchgear.domain.credit.api.ChargeUsage;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The group-commit writer of the request path (ADR 0004): one thread appends whatever has queued,
 * across all accounts, in one transaction, so a lone charge waits for one commit and a busy node
 * writes many events per commit. Each queued event's future completes when it is durable.
 *
 * <p>While charges come together (the last batch held more than one) the writer lingers before a
 * commit, in steps ({@link #LINGER_STEP}), as long as each step brings more and at most
 * {@code lingerNanos} in all (ADR 0034): fewer, larger commits cost the database and the JVM less per
 * charge. A lone charge never waits, since its last batch was itself alone.
 *
 * <p>If an append fails, its callers get the failure and the books it touched are invalidated, so
 * they reload from the store before their next decision; entries queued behind the failure for
 * those accounts (an older epoch) are failed too, so a stream never gets a gap. If it failed
 * because another node wrote to one of its streams first, each account is appended on its own,
 * and one whose stream is taken is rebased and appended again ({@link ChargeRebase}, ADR 0030).
 */
final class ChargeWriter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChargeWriter.class.getName());
    /** Appends of one account's events, rebasing between them, before they fail (another node keeps winning). */
    private static final int MAX_ATTEMPTS = 32;

    private final CreditAccountJournal journal;
    private final AccountBooks books;
    /** Lingering's step: a step that brings nothing more ends the wait. */
    static final Duration LINGER_STEP = Duration.ofNanos(250_000);

    private final int maxBatch;
    private final long lingerNanos;
    private final long stepNanos;
    private final LinkedBlockingQueue<QueuedEvent> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final LongAdder batches = new LongAdder();
    private final LongAdder eventsWritten = new LongAdder();
    private final LongAdder commitNanos = new LongAdder();
    private final LongAdder conflicts = new LongAdder();
    private final LongAdder rebases = new LongAdder();
    private final LongAdder lingered = new LongAdder();
    private volatile boolean running = true;

    /**
     * How the writer batches: at most {@code maxBatch} events a commit; while charges come together, up
     * to {@code linger} of waiting for more before one, in steps of {@code step}.
     */
    record Batching(int maxBatch, Duration linger, Duration step) {
        Batching {
            if (maxBatch < 1) {
                throw new IllegalArgumentException("maxBatch must be positive");
            }
            if (linger.isNegative() || step.isNegative() || step.isZero()) {
                throw new IllegalArgumentException("linger must not be negative, and its step must be positive");
            }
        }
    }

    ChargeWriter(CreditAccountJournal journal, AccountBooks books, Batching batching) {
        this.journal = journal;
        this.books = books;
        this.maxBatch = batching.maxBatch();
        this.lingerNanos = batching.linger().toNanos();
        this.stepNanos = batching.step().toNanos();
        this.thread = new Thread(this::writeLoop, "credit-ledger-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues {@code event} at the book's next sequence number; call under the book's lock, which
     * orders an account's events. A charge comes with the command it was decided from (null for an
     * alert), so that a conflict with another node can decide it again. Returns the future of its
     * durable write, which completes with the event as stored.
     */
    CompletableFuture<CreditAccountEvent> enqueue(AccountBooks.Book book, CreditAccountEvent event, Instant timestamp,
                                                  KeptAnswer answer, ChargeUsage command,
                                                  UsageSettlement.AnswerToKeep keep) {
        QueuedEvent queued = new QueuedEvent(book, book.epoch, ++book.lastSequence, event, timestamp, answer, command,
                keep, new CompletableFuture<>());
        book.lastWrite = queued.future();
        queue.add(queued);
        return queued.future();
    }

    /** Batches appended and events written since start, and what waits: how well group commit is batching. */
    CreditLedger.Stats stats() {
        return new CreditLedger.Stats(batches.sum(), eventsWritten.sum(), queue.size(), commitNanos.sum(),
                conflicts.sum(), rebases.sum(), 0, lingered.sum());
    }

    /** Stops after the queue is drained: every queued event is written or failed. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeLoop() {
        List<QueuedEvent> batch = new ArrayList<>(maxBatch);
        int lastBatch = 0;
        while (running || !queue.isEmpty()) {
            try {
                QueuedEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    lastBatch = 0;
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                if (lastBatch > 1) {
                    linger(batch);
                }
                lastBatch = batch.size();
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "credit ledger writer failed; failing its batch", e);
                for (QueuedEvent pending : batch) {
                    pending.future().completeExceptionally(e);
                }
            } finally {
                batch.clear();
            }
        }
    }

    /** Waits for more of a batch while they keep coming (see the class comment); the writer's thread only. */
    private void linger(List<QueuedEvent> batch) {
        long waited = 0;
        while (waited < lingerNanos && batch.size() < maxBatch && running) {
            int before = batch.size();
            long step = Math.min(stepNanos, lingerNanos - waited);
            LockSupport.parkNanos(step);
            waited += step;
            queue.drainTo(batch, maxBatch - batch.size());
            if (batch.size() == before) {
                break;
            }
        }
        lingered.add(waited);
    }

    private void write(List<QueuedEvent> batch) {
        List<QueuedEvent> live = new ArrayList<>(batch.size());
        for (QueuedEvent pending : batch) {
            if (pending.epoch() != pending.book().epoch) {
                pending.future().completeExceptionally(
                        new IllegalStateException("an earlier charge of this account could not be stored"));
                continue;
            }
            live.add(pending);
        }
        if (live.isEmpty()) {
            return;
        }
        try {
            append(live);
            return;
        } catch (CreditAccountJournal.Conflict conflict) {
            conflicts.increment();
        } catch (RuntimeException e) {
            fail(live, e);
            return;
        }
        // another node wrote to one of the batch's streams: each account on its own from here, so that
        // one contended account does not hold back (or fail) the others
        Map<AccountBooks.Book, List<QueuedEvent>> byBook = new LinkedHashMap<>();
        for (QueuedEvent pending : live) {
            byBook.computeIfAbsent(pending.book(), b -> new ArrayList<>()).add(pending);
        }
        byBook.values().forEach(this::writeAlone);
    }

    /** Appends one account's events, rebasing it after each conflict, up to {@link #MAX_ATTEMPTS} times. */
    private void writeAlone(List<QueuedEvent> events) {
        List<QueuedEvent> live = events;
        for (int attempt = 1; !live.isEmpty(); attempt++) {
            try {
                append(live);
                return;
            } catch (CreditAccountJournal.Conflict conflict) {
                conflicts.increment();
                List<QueuedEvent> everything = new ArrayList<>(live);
                List<QueuedEvent> rebased;
                try {
                    rebased = attempt < MAX_ATTEMPTS ? rebase(live, everything) : null;
                } catch (RuntimeException e) {
                    fail(everything, e);
                    return;
                }
                if (rebased == null) {
                    fail(live, conflict);
                    return;
                }
                live = rebased;
                backOff(attempt);
            } catch (RuntimeException e) {
                fail(live, e);
                return;
            }
        }
    }

    /** One append, and on success each event's book and future told. */
    private void append(List<QueuedEvent> live) {
        long started = System.nanoTime();
        journal.append(entries(live));
        commitNanos.add(System.nanoTime() - started);
        batches.increment();
        eventsWritten.add(live.size());
        moveDurablePositions(live);
        for (QueuedEvent pending : live) {
            pending.future().complete(pending.event());
        }
    }

    /**
     * After a few lost races in a row on a hot account, waits a little (up to {@code attempt} ms, at
     * random) so that the other node's writer does not win every time: it holds this node's commits.
     */
    private static void backOff(int attempt) {
        if (attempt < 3) {
            return;
        }
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Before the callers learn their events are stored: each book's durable position takes them. */
    private void moveDurablePositions(List<QueuedEvent> stored) {
        Map<AccountBooks.Book, List<QueuedEvent>> byBook = new IdentityHashMap<>();
        for (QueuedEvent event : stored) {
            byBook.computeIfAbsent(event.book(), b -> new ArrayList<>()).add(event);
        }
        byBook.forEach(books::stored);
    }

    private static List<CreditAccountJournal.Entry> entries(List<QueuedEvent> live) {
        List<CreditAccountJournal.Entry> entries = new ArrayList<>(live.size());
        for (QueuedEvent pending : live) {
            entries.add(new CreditAccountJournal.Entry(pending.book().accountId(), pending.sequence(), pending.event(),
                    pending.timestamp(), pending.answer()));
        }
        return entries;
    }

    /**
     * Another node wrote to this account's stream (ADR 0030): if the store holds the first sequence
     * of {@code live}, the account is rebased — its position brought up to the store, its unstored
     * charges (these and those queued behind them) decided again — and the events to append instead
     * are returned. Null when the sequence is free after all (a conflict we cannot rebase). Events
     * taken off the queue are added to {@code everything}, for the caller to fail if this throws.
     */
    private List<QueuedEvent> rebase(List<QueuedEvent> live, List<QueuedEvent> everything) {
        AccountBooks.Book book = live.get(0).book();
        if (journal.read(book.accountId(), live.get(0).sequence(), 1).isEmpty()) {
            return null;
        }
        book.lock.lock();
        try {
            List<QueuedEvent> unstored = new ArrayList<>(live);
            queue.removeIf(queued -> {
                boolean behind = queued.book() == book;
                if (behind) {
                    unstored.add(queued);
                    everything.add(queued);
                }
                return behind;
            });
            // counted before: the rebase completes the futures of the charges it drops, and their callers may
            // read the stats at once
            rebases.increment();
            return ChargeRebase.rebase(books, book, unstored);
        } finally {
            book.lock.unlock();
        }
    }

    /** The append failed: its callers get the failure, and the books it touched reload before their next decision. */
    private void fail(List<QueuedEvent> live, RuntimeException e) {
        LOG.log(Level.WARNING, "appending " + live.size() + " usage events failed; reloading their accounts", e);
        Map<AccountBooks.Book, Boolean> touched = new IdentityHashMap<>();
        for (QueuedEvent pending : live) {
            touched.put(pending.book(), Boolean.TRUE);
        }
        touched.keySet().forEach(books::invalidate);
        for (QueuedEvent pending : live) {
            pending.future().completeExceptionally(e);
        }
    }
}
