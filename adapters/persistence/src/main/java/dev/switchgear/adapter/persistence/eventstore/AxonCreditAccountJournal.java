package dev.switchgear.adapter.persistence.eventstore;

import dev.switchgear.domain.credit.api.CreditAccountEvent;

import dev.switchgear.adapter.persistence.readmodel.JooqKeptAnswers;
import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.application.port.out.credit.KeptAnswer;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.RequestId;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CreditAccount streams in Axon's event store. A batch is published as one list of domain event
 * messages, which Axon's JDBC storage engine writes in one transaction; the unique
 * (aggregate, sequence) key rejects a second writer — another node — and the append then fails with a
 * {@link Conflict} (ADR 0030). Tracking processors see the events as if the
 * aggregate had applied them. The database records each charge in the index of charged request ids
 * in the same transaction (a trigger, ADR 0032), whose primary key fails an append that would charge
 * an id twice: the last guard, behind the ledger's checks, under which that account's unstored
 * charges fail and its book is reloaded, as after any failed append.
 */
public class AxonCreditAccountJournal implements CreditAccountJournal {

    private static final String UNIQUE_VIOLATION = "23505";

    /** The aggregate type Axon records for CreditAccount's own events. */
    public static final String AGGREGATE_TYPE = "CreditAccount";

    private final EventStore eventStore;
    private final ChargedRequestIndex charged;
    private final JooqKeptAnswers answers;
    private final TransactionTemplate transaction;

    /**
     * A journal that asks {@code charged} whether an id was charged, and writes the answers kept
     * with charges ({@link Entry#answer()}; none when {@code answers} is null) in the same
     * transaction as the charges' events.
     */
    public AxonCreditAccountJournal(EventStore eventStore, ChargedRequestIndex charged, JooqKeptAnswers answers,
                                    TransactionTemplate transaction) {
        this.eventStore = java.util.Objects.requireNonNull(eventStore, "eventStore");
        this.charged = java.util.Objects.requireNonNull(charged, "charged");
        this.answers = answers;
        this.transaction = java.util.Objects.requireNonNull(transaction, "transaction");
    }

    @Override
    public void append(List<Entry> entries) {
        try {
            publish(entries);
        } catch (RuntimeException e) {
            if (takenSequence(e)) {
                throw new Conflict("another writer appended to one of " + entries.size()
                        + " events' streams first", e);
            }
            throw e;
        }
    }

    /**
     * Whether the append failed on the unique (aggregate, sequence) key: Axon's
     * {@link ConcurrencyException}, or PostgreSQL's unique violation (SQLSTATE 23505) however wrapped.
     */
    static boolean takenSequence(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return true;
            }
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private void publish(List<Entry> entries) {
        List<DomainEventMessage<?>> messages = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            messages.add(new GenericDomainEventMessage<>(AGGREGATE_TYPE, entry.accountId().value(), entry.sequence(),
                    entry.payload(), MetaData.emptyInstance(), UUID.randomUUID().toString(), entry.timestamp()));
        }
        List<KeptAnswer> kept = entries.stream().map(Entry::answer).filter(java.util.Objects::nonNull).toList();
        if (kept.isEmpty()) {
            eventStore.publish(messages);
            return;
        }
        if (answers == null) {
            throw new IllegalStateException("this journal keeps no answers");
        }
        transaction.executeWithoutResult(status -> {
            eventStore.publish(messages);
            answers.insert(kept);
        });
    }

    @Override
    public boolean hasCharge(AccountId accountId, RequestId requestId) {
        return charged.contains(accountId, requestId);
    }

    @Override
    public List<Recorded> read(AccountId accountId, long fromSequence) {
        return read(accountId, fromSequence, Integer.MAX_VALUE);
    }

    /** Reads lazily and stops after {@code limit} events (the event store streams them in batches). */
    @Override
    public List<Recorded> read(AccountId accountId, long fromSequence, int limit) {
        DomainEventStream stream = eventStore.readEvents(accountId.value(), fromSequence);
        List<Recorded> recorded = new ArrayList<>();
        while (recorded.size() < limit && stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (!(message.getPayload() instanceof CreditAccountEvent event)) {
                throw new IllegalStateException("the stream of account " + accountId + " holds an event of another kind: "
                        + message.getPayloadType().getName());
            }
            recorded.add(new Recorded(message.getSequenceNumber(), event, message.getTimestamp()));
        }
        return recorded;
    }
}
