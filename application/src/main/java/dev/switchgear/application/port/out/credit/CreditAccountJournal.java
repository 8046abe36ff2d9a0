package dev.switchgear.application.port.out.credit;

import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.RequestId;
import java.time.Instant;
import java.util.List;

/**
 * The event streams of credit accounts, as the event store keeps them. The ledger appends usage
 * events in batches through it: one call, one transaction, many accounts. A stream holds at most
 * one charge of a request id: the append of a second fails whole.
 */
public interface CreditAccountJournal {

    /**
     * Appends the entries in one transaction, or none of them. A sequence number already taken in
     * an account's stream (another node wrote there first) makes the whole append fail with a
     * {@link Conflict}.
     */
    void append(List<Entry> entries);

    /** The account's events from {@code fromSequence} on, oldest first; empty for an unknown account. */
    List<Recorded> read(AccountId accountId, long fromSequence);

    /** At most {@code limit} of the account's events from {@code fromSequence} on, oldest first. */
    default List<Recorded> read(AccountId accountId, long fromSequence, int limit) {
        List<Recorded> all = read(accountId, fromSequence);
        return all.size() <= limit ? all : List.copyOf(all.subList(0, limit));
    }

    /**
     * Whether the account's stream holds a charge ({@code UsageCharged}) of this request id, however
     * long ago: the store keeps an index of charged ids, written in the same transaction as the
     * charges, and refuses a second charge of an id (ADR 0032). Answers for what is durable.
     */
    boolean hasCharge(AccountId accountId, RequestId requestId);

    /**
     * An event to append at a position of an account's stream, and the answer to keep with it (a
     * charge's answer, written in the same transaction; null for none).
     */
    record Entry(AccountId accountId, long sequence, CreditAccountEvent payload, Instant timestamp,
                 KeptAnswer answer) {

        public Entry(AccountId accountId, long sequence, CreditAccountEvent payload, Instant timestamp) {
            this(accountId, sequence, payload, timestamp, null);
        }
    }

    /**
     * An append met a sequence number already taken: another writer (another node) appended to one
     * of the streams first. Nothing of the append was stored; the writer rebases and retries (ADR 0030).
     */
    final class Conflict extends RuntimeException {

        public Conflict(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An event read back from an account's stream. */
    record Recorded(long sequence, CreditAccountEvent payload, Instant timestamp) {
    }
}
