package dev.switchgear.application.service.credit;

import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.application.port.out.credit.KeptAnswer;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The group-commit writer of the request path (ADR 0004): one thread appends whatever has queued,
 * across all accounts, in one transaction — no timer, so a lone charge waits for one commit and a
 * busy node writes many events per commit. Each queued event's future completes when it is durable.
 *
 * <p>If an append fails, its callers get the failure and the books it touched are invalidated, so
 * they reload from the store before their next decision; entries queued behind the failure for
 * those accounts (an older epoch) are failed too, so a stream never gets a gap.
 */
final class ChargeWriter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChargeWriter.class.getName());

    private final CreditAccountJournal journal;
    private final AccountBooks books;
    private final int maxBatch;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final LongAdder batches = new LongAdder();
    private final LongAdder eventsWritten = new LongAdder();
    private final LongAdder commitNanos = new LongAdder();
    private volatile boolean running = true;

    ChargeWriter(CreditAccountJournal journal, AccountBooks books, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be positive");
        }
        this.journal = journal;
        this.books = books;
        this.maxBatch = maxBatch;
        this.thread = new Thread(this::writeLoop, "credit-ledger-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues {@code event} at the book's next sequence number; call under the book's lock, which
     * orders an account's events. Returns the future of its durable write.
     */
    CompletableFuture<CreditAccountEvent> enqueue(AccountBooks.Book book, CreditAccountEvent event, Instant timestamp,
                                                  KeptAnswer answer) {
        Pending pending = new Pending(book, book.epoch, ++book.lastSequence, event, timestamp, answer);
        book.lastWrite = pending.future;
        queue.add(pending);
        return pending.future;
    }

    /** Batches appended and events written since start, and what waits: how well group commit is batching. */
    CreditLedger.Stats stats() {
        return new CreditLedger.Stats(batches.sum(), eventsWritten.sum(), queue.size(), commitNanos.sum());
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
            entries.add(new CreditAccountJournal.Entry(pending.book.accountId(), pending.sequence, pending.event,
                    pending.timestamp, pending.answer));
        }
        if (live.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        try {
            journal.append(entries);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "appending " + entries.size() + " usage events failed; reloading their accounts", e);
            Map<AccountBooks.Book, Boolean> touched = new IdentityHashMap<>();
            for (Pending pending : live) {
                touched.put(pending.book, Boolean.TRUE);
            }
            touched.keySet().forEach(books::invalidate);
            for (Pending pending : live) {
                pending.future.completeExceptionally(e);
            }
            return;
        }
        commitNanos.add(System.nanoTime() - started);
        batches.increment();
        eventsWritten.add(live.size());
        for (Pending pending : live) {
            pending.future.complete(pending.event);
        }
    }

    private record Pending(AccountBooks.Book book, long epoch, long sequence, CreditAccountEvent event,
                           Instant timestamp, KeptAnswer answer, CompletableFuture<CreditAccountEvent> future) {

        Pending(AccountBooks.Book book, long epoch, long sequence, CreditAccountEvent event, Instant timestamp,
                KeptAnswer answer) {
            this(book, epoch, sequence, event, timestamp, answer, new CompletableFuture<>());
        }
    }
}
