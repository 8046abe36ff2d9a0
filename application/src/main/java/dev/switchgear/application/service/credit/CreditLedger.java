package dev.switchgear.application.service.credit;

import dev.switchgear.application.port.in.credit.AccountChanges;
import dev.switchgear.application.port.in.credit.AccountStandings;
import dev.switchgear.application.port.in.credit.RequestAdmission;
import dev.switchgear.application.port.in.credit.UsageSettlement;
import dev.switchgear.application.port.out.credit.CreditAccountCommands;
import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.application.port.out.credit.CreditStreamHeads;
import java.time.Clock;
import java.time.Duration;

/**
 * The request-path ledger of credit accounts (ADR 0004), assembled: the {@link AccountBooks} held
 * in memory, the group-commit {@link ChargeWriter}, and {@link RequestCharging} (admission and
 * settlement) over both — the single writer of every CreditAccount stream on this node. Other
 * services use its narrow ports ({@link #admission()}, {@link #settlement()}, {@link #standings()},
 * {@link #changes()}), never this class.
 */
public final class CreditLedger implements AutoCloseable {

    private final AccountBooks books;
    private final ChargeWriter writer;
    private final RequestCharging charging;
    private final java.util.concurrent.atomic.LongAdder refreshes = new java.util.concurrent.atomic.LongAdder();

    public CreditLedger(CreditAccountJournal journal, CreditAccountCommands commands, Clock clock, int maxBatch) {
        this(journal, commands, clock, maxBatch, Duration.ZERO);
    }

    /**
     * With {@code commitLinger}, the longest the writer waits for more charges before a commit while
     * charges come together (ADR 0034); zero commits at once.
     */
    public CreditLedger(CreditAccountJournal journal, CreditAccountCommands commands, Clock clock, int maxBatch,
                        Duration commitLinger) {
        this(journal, commands, clock, new ChargeWriter.Batching(maxBatch, commitLinger, ChargeWriter.LINGER_STEP));
    }

    CreditLedger(CreditAccountJournal journal, CreditAccountCommands commands, Clock clock,
                 ChargeWriter.Batching batching) {
        this.books = new AccountBooks(journal, commands, clock);
        this.writer = new ChargeWriter(journal, books, batching);
        this.charging = new RequestCharging(books, writer, clock);
    }

    public RequestAdmission admission() {
        return charging;
    }

    public UsageSettlement settlement() {
        return charging;
    }

    public AccountStandings standings() {
        return books;
    }

    public AccountChanges changes() {
        return books;
    }

    /** Batches appended and events written since start: how well group commit is batching. */
    public Stats stats() {
        Stats written = writer.stats();
        return new Stats(written.batches(), written.events(), written.queued(), written.commitNanos(),
                written.conflicts(), written.rebases(), refreshes.sum(), written.lingeredNanos());
    }

    /**
     * Polls the heads of the streams of the accounts held in memory and folds in what other nodes
     * wrote to them (ADR 0030); returns how many accounts were refreshed.
     */
    public int catchUp(CreditStreamHeads heads) {
        var loaded = books.loaded();
        if (loaded.isEmpty()) {
            return 0;
        }
        int refreshed = books.catchUp(heads.heads(loaded));
        refreshes.add(refreshed);
        return refreshed;
    }

    /**
     * Counters of the writer; {@code commitNanos}, the time its successful appends took, summed;
     * {@code conflicts}, appends that met another node's write; {@code rebases}, accounts rebased
     * after one; {@code refreshes}, accounts brought up to another node's writes by {@link #catchUp};
     * {@code lingeredNanos}, the time the writer waited for more charges before its commits (ADR 0034).
     */
    public record Stats(long batches, long events, int queued, long commitNanos, long conflicts, long rebases,
                        long refreshes, long lingeredNanos) {

        public Stats(long batches, long events, int queued, long commitNanos) {
            this(batches, events, queued, commitNanos, 0, 0, 0, 0);
        }

        public Stats(long batches, long events, int queued) {
            this(batches, events, queued, 0);
        }
    }

    /** Stops taking new work after the queue is drained: every queued event is written or failed. */
    @Override
    public void close() {
        writer.close();
    }
}
