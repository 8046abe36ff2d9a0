package dev.switchgear.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.adapter.persistence.eventstore.AxonCreditAccountJournal;
import dev.switchgear.adapter.persistence.eventstore.EventStoreCreditStreamHeads;
import dev.switchgear.application.contract.CreditAccountJournalContract;
import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.domain.shared.AccountId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The journal contract against Axon's JDBC event store on real PostgreSQL. */
class AxonCreditAccountJournalTest extends CreditAccountJournalContract {

    private final AxonCreditAccountJournal journal = PostgresFixture.INSTANCE.journal(null);

    @Override
    protected CreditAccountJournal journal() {
        return journal;
    }

    @Test
    void theHeadsOfStreamsAreTheirLastSequenceNumbersAndAnUnknownAccountHasNone() {
        AccountId a = AccountId.of(UUID.randomUUID());
        AccountId b = AccountId.of(UUID.randomUUID());
        AccountId unknown = AccountId.of(UUID.randomUUID());
        journal.append(List.of(new CreditAccountJournal.Entry(a, 0, opened(a), T0),
                new CreditAccountJournal.Entry(b, 0, opened(b), T0)));
        journal.append(List.of(new CreditAccountJournal.Entry(a, 1, charged(a, "r1", 5_000), T0)));

        var heads = new EventStoreCreditStreamHeads(PostgresFixture.INSTANCE.db).heads(List.of(a, b, unknown));

        assertThat(heads).containsOnly(org.assertj.core.api.Assertions.entry(a, 1L),
                org.assertj.core.api.Assertions.entry(b, 0L));
    }

    @Test
    void aHeadIsReadFromOneIndexEntryHoweverLongTheStream() {
        AccountId a = AccountId.of(UUID.randomUUID());
        List<CreditAccountJournal.Entry> entries = new java.util.ArrayList<>();
        entries.add(new CreditAccountJournal.Entry(a, 0, opened(a), T0));
        for (int i = 1; i <= 400; i++) {
            entries.add(new CreditAccountJournal.Entry(a, i, charged(a, "r" + i, 1_000_000 - i), T0));
        }
        journal.append(entries);
        var db = PostgresFixture.INSTANCE.db;
        db.execute("analyze domainevententry");

        List<String> plan = db.fetch("explain (analyze, costs off, timing off, summary off) "
                        + EventStoreCreditStreamHeads.HEADS.replace("{0}", "?"), (Object) new String[] {a.value()})
                .getValues(0, String.class);

        // the index read backwards to its last entry: one row from it, not the stream's 401
        assertThat(plan).filteredOn(line -> line.contains("domainevententry"))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("Index Only Scan Backward").contains("actual rows=1 ");
        assertThat(new EventStoreCreditStreamHeads(db).heads(List.of(a))).containsOnly(
                org.assertj.core.api.Assertions.entry(a, 400L));
    }

    @Test
    void aSequenceAnotherWriterTookIsAConflictNotAnyFailure() {
        AccountId a = AccountId.of(UUID.randomUUID());
        journal.append(List.of(new CreditAccountJournal.Entry(a, 0, opened(a), T0)));
        // another node's journal on the same database
        var otherNode = PostgresFixture.INSTANCE.journal(null);
        otherNode.append(List.of(new CreditAccountJournal.Entry(a, 1, charged(a, "r1", 5_000), T0)));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> journal.append(
                        List.of(new CreditAccountJournal.Entry(a, 1, charged(a, "r2", 7_000), T0))))
                .isInstanceOf(CreditAccountJournal.Conflict.class);
        assertThat(journal.read(a, 1)).singleElement().extracting(r -> r.payload())
                .isEqualTo(charged(a, "r1", 5_000));
    }

    @Test
    void storesEventsAsTheAggregatesOwnWithReadableJsonPayloads() {
        AccountId id = AccountId.of(UUID.randomUUID());
        journal.append(List.of(new CreditAccountJournal.Entry(id, 0, opened(id), T0)));

        var row = PostgresFixture.INSTANCE.db.fetchOne(
                "select type, payloadtype, payloadrevision, convert_from(payload, 'UTF8') as json "
                        + "from domainevententry where aggregateidentifier = ?", id.value());
        assertThat(row.get("type", String.class)).isEqualTo("CreditAccount");
        assertThat(row.get("payloadtype", String.class)).isEqualTo("dev.switchgear.domain.credit.api.AccountOpened");
        assertThat(row.get("payloadrevision", String.class)).isEqualTo("1");
        assertThat(row.get("json", String.class)).contains("\"accountId\":\"" + id.value() + "\"")
                .contains("\"tier\":\"professional\"");
    }
}
