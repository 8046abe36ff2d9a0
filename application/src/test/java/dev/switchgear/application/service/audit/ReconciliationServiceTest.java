package dev.switchgear.application.service.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.InMemoryCreditAccountJournal;
import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import java.util.concurrent.atomic.AtomicInteger;
import dev.switchgear.application.fakes.InMemoryUsageReadModel;
import dev.switchgear.application.port.in.audit.ReconciliationUseCase.AccountReconciliation;
import dev.switchgear.application.port.in.audit.ReconciliationUseCase.DifferenceKind;
import dev.switchgear.application.port.in.audit.ReconciliationUseCase.Report;
import dev.switchgear.application.port.in.credit.AccountStanding;
import dev.switchgear.application.port.in.credit.AccountStandings;
import dev.switchgear.application.port.in.credit.AccountSummary;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.out.audit.ProjectionStatus;
import dev.switchgear.application.port.out.audit.Projections;
import dev.switchgear.application.port.out.audit.RebuildOutcome;
import dev.switchgear.application.port.out.billing.MeteringLog;
import dev.switchgear.application.port.out.credit.CreditAccountJournal.Entry;
import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.credit.api.CreditsGranted;
import dev.switchgear.domain.credit.api.CreditsPurchased;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The reconciliation over in-memory fakes of every side it compares, with hand-computed values. */
class ReconciliationServiceTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    final InMemoryCreditAccountJournal journal = new InMemoryCreditAccountJournal();
    final InMemoryUsageReadModel usage = new InMemoryUsageReadModel();
    final Map<AccountId, MicroCredits> ledger = new HashMap<>();
    final FakeMeteringLog metered = new FakeMeteringLog();
    final TreeMap<String, AccountId> accounts = new TreeMap<>();

    final ReconciliationService service = new ReconciliationService(
            (after, limit) -> accounts.tailMap(after.map(AccountId::value).orElse(""), false).values().stream()
                    .limit(limit).toList(),
            journal, new FakeStandings(), usage, Optional.of(metered), new NoProjections());

    @Test
    void anAccountWhoseRecordsAllAgreeHasNoDifference() {
        AccountId id = account("00000000-0000-0000-0000-000000000001");
        // 10 credits granted, then charges of 0.25 and 0.5 credits: 9.25 left.
        append(id, new CreditsGranted(id, MicroCredits.of(10_000_000), "welcome", MicroCredits.of(10_000_000), T0));
        charge(id, "r1", 250_000, 9_750_000, true, true);
        charge(id, "r2", 500_000, 9_250_000, true, true);
        ledger.put(id, MicroCredits.of(9_250_000));

        AccountReconciliation r = only(service.reconcile(Caller.administrator(), Optional.of(id), Optional.empty(), 10));

        assertThat(r.differences()).isEmpty();
        assertThat(r.eventBalance()).isEqualTo(MicroCredits.of(9_250_000));
        assertThat(r.charges().count()).isEqualTo(2);
        assertThat(r.charges().charged()).isEqualTo(MicroCredits.of(750_000));
        assertThat(r.readModel().charged()).isEqualTo(MicroCredits.of(750_000));
        assertThat(r.metered()).hasValueSatisfying(m -> assertThat(m.count()).isEqualTo(2));
    }

    @Test
    void eachDisagreementIsFlaggedWithItsKind() {
        AccountId id = account("00000000-0000-0000-0000-000000000002");
        append(id, new CreditsGranted(id, MicroCredits.of(5_000_000), "welcome", MicroCredits.of(5_000_000), T0));
        charge(id, "r1", 1_000_000, 4_000_000, false, true);   // never projected
        charge(id, "r2", 2_000_000, 2_000_000, true, false);   // never metered
        ledger.put(id, MicroCredits.of(2_500_000));            // the ledger says otherwise

        AccountReconciliation r = only(service.reconcile(Caller.administrator(), Optional.of(id), Optional.empty(), 10));

        assertThat(r.differences()).extracting(d -> d.kind()).containsExactlyInAnyOrder(
                DifferenceKind.LEDGER_BALANCE, DifferenceKind.READ_MODEL_REQUESTS, DifferenceKind.READ_MODEL_CHARGED,
                DifferenceKind.METERED_REQUESTS, DifferenceKind.METERED_CHARGED);
        assertThat(r.differences()).filteredOn(d -> d.kind() == DifferenceKind.READ_MODEL_CHARGED)
                .singleElement().satisfies(d -> {
                    assertThat(d.expected()).isEqualTo("3000000");
                    assertThat(d.found()).isEqualTo("2000000");
                });
        assertThat(r.differences()).filteredOn(d -> d.kind() == DifferenceKind.LEDGER_BALANCE)
                .singleElement().satisfies(d -> {
                    assertThat(d.expected()).isEqualTo("2000000");
                    assertThat(d.found()).isEqualTo("2500000");
                });
    }

    @Test
    void aPaymentCreditedTwiceAndABalanceTheAmountsDoNotAddUpToAreFlagged() {
        AccountId id = account("00000000-0000-0000-0000-000000000003");
        append(id, purchase(id, "pi_1", 1_000, 10_000_000, 10_000_000));
        append(id, purchase(id, "pi_1", 1_000, 10_000_000, 20_000_000));
        // 5 credits bought on 20 record 24 after: the amounts add up to 25.
        append(id, purchase(id, "pi_2", 500, 5_000_000, 24_000_000));
        ledger.put(id, MicroCredits.of(24_000_000));

        AccountReconciliation r = only(service.reconcile(Caller.administrator(), Optional.of(id), Optional.empty(), 10));

        assertThat(r.paid().purchases()).isEqualTo(3);
        assertThat(r.paid().credits()).isEqualTo(MicroCredits.of(25_000_000));
        assertThat(r.paid().paidMinorUnits()).containsExactly(Map.entry("usd", 2_500L));
        assertThat(r.paid().paymentReferences()).containsExactly("pi_1", "pi_2");
        assertThat(r.differences()).extracting(d -> d.kind()).containsExactlyInAnyOrder(DifferenceKind.MOVEMENTS,
                DifferenceKind.PAYMENT_REPEATED);
        assertThat(r.differences()).filteredOn(d -> d.kind() == DifferenceKind.MOVEMENTS).singleElement()
                .satisfies(d -> {
                    assertThat(d.expected()).isEqualTo("24000000");
                    assertThat(d.found()).isEqualTo("25000000");
                });
    }

    @Test
    void aLongStreamIsReadAPageAtATimeNeverWhole() {
        AccountId id = account("00000000-0000-0000-0000-000000000004");
        int grants = 2 * ReconciliationService.PAGE + 5;
        List<Entry> entries = new ArrayList<>(grants);
        for (int i = 1; i <= grants; i++) {
            entries.add(new Entry(id, i, new CreditsGranted(id, MicroCredits.of(1), "drip", MicroCredits.of(i), T0), T0));
        }
        journal.append(entries);
        ledger.put(id, MicroCredits.of(grants));
        AtomicInteger largestRead = new AtomicInteger();
        CreditAccountJournal paged = new CreditAccountJournal() {
            @Override
            public void append(List<Entry> toAppend) {
                journal.append(toAppend);
            }

            @Override
            public List<Recorded> read(AccountId accountId, long fromSequence) {
                throw new AssertionError("the whole stream was read at once");
            }

            @Override
            public boolean hasCharge(AccountId accountId, dev.switchgear.domain.shared.RequestId requestId) {
                return journal.hasCharge(accountId, requestId);
            }

            @Override
            public List<Recorded> read(AccountId accountId, long fromSequence, int limit) {
                List<Recorded> page = journal.read(accountId, fromSequence, limit);
                largestRead.accumulateAndGet(page.size(), Math::max);
                return page;
            }
        };
        ReconciliationService reconciliation = new ReconciliationService((after, limit) -> List.of(id), paged,
                new FakeStandings(), usage, Optional.of(metered), new NoProjections());

        AccountReconciliation r = only(reconciliation.reconcile(Caller.administrator(), Optional.of(id), Optional.empty(), 10));

        assertThat(r.differences()).isEmpty();
        assertThat(r.events()).isEqualTo(grants + 1);
        assertThat(r.eventBalance()).isEqualTo(MicroCredits.of(grants));
        assertThat(largestRead.get()).isEqualTo(ReconciliationService.PAGE);
    }

    @Test
    void accountsComePageByPageWithACursor() {
        for (int i = 1; i <= 5; i++) {
            AccountId id = account("00000000-0000-0000-0000-00000000001" + i);
            ledger.put(id, MicroCredits.ZERO);
        }
        List<String> seen = new ArrayList<>();
        Optional<AccountId> after = Optional.empty();
        int pages = 0;
        do {
            Report page = service.reconcile(Caller.administrator(), Optional.empty(), after, 2);
            page.accounts().forEach(a -> seen.add(a.accountId().value()));
            after = page.next();
            pages++;
        } while (after.isPresent());
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(5).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void onlyTheAdministratorMayReconcileAndTheLimitIsBounded() {
        AccountId id = account("00000000-0000-0000-0000-000000000004");
        assertThatThrownBy(() -> service.reconcile(Caller.of(id), Optional.of(id), Optional.empty(), 10))
                .isInstanceOf(IdentityException.class);
        assertThatThrownBy(() -> service.reconcile(Caller.administrator(), Optional.empty(), Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> service.reconcile(Caller.administrator(), Optional.empty(), Optional.empty(), 501))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private AccountId account(String value) {
        AccountId id = new AccountId(value);
        accounts.put(value, id);
        append(id, new AccountOpened(id, "Acme", Tier.STARTER, T0));
        return id;
    }

    private void charge(AccountId id, String request, long charged, long balanceAfter, boolean projected,
                        boolean sent) {
        UsageCharged event = new UsageCharged(id, new RequestId(request), "sim-echo", "simulator", 10, 20, false,
                1_000, 2_000, MicroCredits.of(charged), MicroCredits.of(charged), MicroCredits.ZERO,
                MicroCredits.of(balanceAfter), T0.plusSeconds(60));
        append(id, event);
        if (projected) {
            usage.on(event);
        }
        if (sent) {
            metered.recordMetered(List.of(new MeteringLog.MeteredCharge(id, event.requestId(), 30, event.charged(),
                    event.chargedAt())));
        }
    }

    private static CreditsPurchased purchase(AccountId id, String payment, long cents, long credits, long after) {
        return new CreditsPurchased(id, MicroCredits.of(credits), cents, "USD", "starter-10", "cs_" + payment, payment,
                "evt_" + payment + "_" + after, MicroCredits.of(after), T0);
    }

    private void append(AccountId id, CreditAccountEvent event) {
        journal.append(List.of(new Entry(id, journal.read(id, 0).size(), event, T0)));
    }

    private static AccountReconciliation only(Report report) {
        assertThat(report.accounts()).hasSize(1);
        assertThat(report.metering()).isTrue();
        return report.accounts().get(0);
    }

    /** The ledger's balances as this test sets them. */
    private final class FakeStandings implements AccountStandings {
        @Override
        public Optional<AccountSummary> summary(AccountId accountId) {
            return Optional.ofNullable(ledger.get(accountId))
                    .map(b -> new AccountSummary(accountId, "Acme", Tier.STARTER, b, MicroCredits.ZERO));
        }

        @Override
        public Optional<AccountStanding> standing(AccountId accountId) {
            return Optional.empty();
        }

        @Override
        public long lastSequence(AccountId accountId) {
            return journal.read(accountId, 0).size() - 1;
        }
    }

    /** The meter's log in memory, keyed like the table (account, request). */
    static final class FakeMeteringLog implements MeteringLog {
        private final Map<String, MeteredCharge> charges = new HashMap<>();

        @Override
        public void recordMetered(List<MeteredCharge> sent) {
            sent.forEach(c -> charges.putIfAbsent(c.accountId().value() + "/" + c.requestId().value(), c));
        }

        @Override
        public MeteredTotals metered(AccountId accountId) {
            List<MeteredCharge> mine = charges.values().stream().filter(c -> c.accountId().equals(accountId)).toList();
            return new MeteredTotals(mine.size(), mine.stream().mapToLong(MeteredCharge::tokens).sum(),
                    MicroCredits.of(mine.stream().mapToLong(c -> c.charged().value()).sum()));
        }
    }

    /** No processors: the report's processor list is empty. */
    static final class NoProjections implements Projections {
        @Override
        public List<ProjectionStatus> all() {
            return List.of();
        }

        @Override
        public Optional<ProjectionStatus> status(String name) {
            return Optional.empty();
        }

        @Override
        public RebuildOutcome rebuild(String name) {
            throw new UnsupportedOperationException();
        }
    }
}
