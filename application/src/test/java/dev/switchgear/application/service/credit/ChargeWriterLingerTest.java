package dev.switchgear.application.service.credit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.application.fakes.InMemoryCreditAccountCommands;
import dev.switchgear.application.fakes.InMemoryCreditAccountJournal;
import dev.switchgear.application.fakes.LedgerCalls;
import dev.switchgear.application.port.in.credit.RequestAdmission;
import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.domain.credit.api.GrantCredits;
import dev.switchgear.domain.credit.api.OpenAccount;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.shared.TokenUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The writer's linger (ADR 0034): while charges come together it waits for more before a commit, step
 * by step as long as each step brings some; a charge that comes alone is committed at once. The steps
 * here are long (300 ms) so that what joins a batch is decided by the test, not by the machine's speed.
 */
class ChargeWriterLingerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final ModelPrice PRICE = new ModelPrice(1_000, 1_000);
    private static final Duration STEP = Duration.ofMillis(300);

    private final InMemoryCreditAccountJournal store = new InMemoryCreditAccountJournal();
    private final InMemoryCreditAccountCommands commands = new InMemoryCreditAccountCommands(store);
    private final GatedJournal journal = new GatedJournal(store);
    private CreditLedger ledger;

    @AfterEach
    void tearDown() {
        journal.open();
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void chargesThatComeTogetherWaitForEachOtherAndGoInOneCommit() throws Exception {
        ledger = ledger(Duration.ofSeconds(30));
        AccountId account = open();
        togetherOnce(account);

        // the last batch held two: the next charge waits for company, and two more join it within the step
        CompletableFuture<UsageCharged> first = settle(account, "r4");
        Thread.sleep(STEP.toMillis() / 3);
        CompletableFuture<UsageCharged> second = settle(account, "r5");
        CompletableFuture<UsageCharged> third = settle(account, "r6");
        CompletableFuture.allOf(first, second, third).get(30, TimeUnit.SECONDS);

        assertThat(journal.batchSizes).containsExactly(1, 2, 3);
        assertThat(ledger.stats().lingeredNanos()).isGreaterThanOrEqualTo(STEP.toNanos());
    }

    @Test
    void withoutLingerTheSameChargesGoInCommitsOfTheirOwn() throws Exception {
        ledger = ledger(Duration.ZERO);
        AccountId account = open();
        togetherOnce(account);

        CompletableFuture<UsageCharged> first = settle(account, "r4");
        first.get(30, TimeUnit.SECONDS);
        Thread.sleep(STEP.toMillis() / 3);
        settle(account, "r5").get(30, TimeUnit.SECONDS);

        assertThat(journal.batchSizes).containsExactly(1, 2, 1, 1);
        assertThat(ledger.stats().lingeredNanos()).isZero();
    }

    @Test
    void aChargeThatComesAloneIsCommittedAtOnce() throws Exception {
        ledger = ledger(Duration.ofSeconds(30));
        AccountId account = open();
        for (int i = 0; i < 5; i++) {
            settle(account, "alone-" + i).get(30, TimeUnit.SECONDS);
        }

        assertThat(journal.batchSizes).containsExactly(1, 1, 1, 1, 1);
        assertThat(ledger.stats().lingeredNanos()).isZero();
    }

    @Test
    void aLingerEndsWithTheFirstStepThatBringsNothing() throws Exception {
        ledger = ledger(Duration.ofSeconds(30));
        AccountId account = open();
        togetherOnce(account);

        // alone after a batch of two: one step of waiting (nothing came), not the 30 s allowed
        long started = System.nanoTime();
        settle(account, "r4").get(30, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(ledger.stats().lingeredNanos()).isEqualTo(STEP.toNanos());
        assertThat(journal.batchSizes).containsExactly(1, 2, 1);
    }

    /**
     * Makes the last batch one of two: the first charge's commit is held while two more queue, so
     * they are taken together when it is let go.
     */
    private void togetherOnce(AccountId account) throws Exception {
        journal.close();
        CompletableFuture<UsageCharged> first = settle(account, "r1");
        assertThat(journal.entered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<UsageCharged> second = settle(account, "r2");
        CompletableFuture<UsageCharged> third = settle(account, "r3");
        journal.open();
        CompletableFuture.allOf(first, second, third).get(30, TimeUnit.SECONDS);
        assertThat(journal.batchSizes).containsExactly(1, 2);
    }

    private CreditLedger ledger(Duration linger) {
        return new CreditLedger(journal, commands, CLOCK, new ChargeWriter.Batching(100, linger, STEP));
    }

    private AccountId open() {
        AccountId id = AccountId.of(UUID.randomUUID());
        commands.send(new OpenAccount(id, "team", Tier.FREE, CLOCK.instant()));
        ledger.changes().execute(id, new GrantCredits(id, MicroCredits.of(1_000_000), "seed", CLOCK.instant()));
        journal.batchSizes.clear();
        return id;
    }

    private CompletableFuture<UsageCharged> settle(AccountId account, String requestId) {
        RequestAdmission.Hold hold = LedgerCalls.admit(ledger, account, new RequestId(requestId), MicroCredits.of(10));
        return LedgerCalls.settle(ledger, hold, "m", "p", new TokenUsage(5, 5), false, PRICE).durable();
    }

    /** The in-memory store behind a gate that can hold appends; records each append's size. */
    private static final class GatedJournal implements CreditAccountJournal {

        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        private final CreditAccountJournal delegate;
        private volatile CountDownLatch gate = new CountDownLatch(0);
        /** Counted down by the first append after {@link #close()}. */
        volatile CountDownLatch entered = new CountDownLatch(0);

        GatedJournal(CreditAccountJournal delegate) {
            this.delegate = delegate;
        }

        void close() {
            entered = new CountDownLatch(1);
            gate = new CountDownLatch(1);
        }

        void open() {
            gate.countDown();
        }

        @Override
        public void append(List<Entry> entries) {
            entered.countDown();
            try {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the gate stayed shut");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            delegate.append(entries);
            batchSizes.add(entries.size());
        }

        @Override
        public List<Recorded> read(AccountId accountId, long fromSequence) {
            return delegate.read(accountId, fromSequence);
        }

        @Override
        public boolean hasCharge(AccountId accountId, RequestId requestId) {
            return delegate.hasCharge(accountId, requestId);
        }
    }
}
