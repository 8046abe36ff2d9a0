package dev.switchgear.application.service.credit;

import dev.switchgear.application.port.in.credit.RequestAdmission;
import dev.switchgear.application.fakes.LedgerCalls;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.application.fakes.InMemoryCreditAccountCommands;
import dev.switchgear.application.fakes.InMemoryCreditAccountJournal;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.CreditPosition;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.credit.api.GrantCredits;
import dev.switchgear.domain.credit.api.OpenAccount;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.credit.api.SetMonthlyCap;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.TokenUsage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #6's money acceptance on the request-path ledger: many threads charging one account, one
 * request id retried, and requests racing a monthly cap. Seeded; the seed and the figures are printed.
 */
class CreditLedgerConcurrencyTest {

    private static final ModelPrice PRICE = new ModelPrice(150_000, 600_000);
    private final Clock clock = Clock.systemUTC();
    private final InMemoryCreditAccountJournal journal = new InMemoryCreditAccountJournal();
    private final InMemoryCreditAccountCommands commands = new InMemoryCreditAccountCommands(journal);
    private final CreditLedger ledger = new CreditLedger(journal, commands, clock, 500);

    @AfterEach
    void close() {
        ledger.close();
    }

    private AccountId open(Tier tier, long micros) {
        AccountId id = AccountId.of(UUID.randomUUID());
        commands.send(new OpenAccount(id, "team", tier, clock.instant()));
        ledger.changes().execute(id, new GrantCredits(id, MicroCredits.of(micros), "seed", clock.instant()));
        return id;
    }

    @Test
    void sixtyFourThreadsTimesAThousandRandomChargesLeaveAnExactBalance() throws Exception {
        long seed = System.nanoTime();
        System.out.println("CreditLedgerConcurrencyTest seed " + seed);
        long start = 20_000_000_000L; // about half the 64,000 charges fit
        AccountId id = open(Tier.STARTER, start);
        int threads = 64;
        int perThread = 1_000;
        AtomicLong charged = new AtomicLong();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger negativeSeen = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(seed + t);
            int thread = t;
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < perThread; i++) {
                    long input = random.nextLong(1, 2_000);
                    long maxOutput = random.nextLong(1, 2_000);
                    MicroCredits estimate = PRICE.costOf(new TokenUsage(input, maxOutput), 10_000,
                            Tier.STARTER.markupBasisPoints());
                    RequestId requestId = new RequestId("r-" + thread + "-" + i);
                    try {
                        RequestAdmission.Hold hold = LedgerCalls.admit(ledger, id, requestId, estimate);
                        TokenUsage used = new TokenUsage(input, random.nextLong(0, maxOutput + 1));
                        UsageCharged charge = LedgerCalls.settle(ledger, hold, "m", "p", used, false, PRICE).charge();
                        charged.addAndGet(charge.charged().value());
                        accepted.incrementAndGet();
                        if (charge.balanceAfter().isNegative()) {
                            negativeSeen.incrementAndGet();
                        }
                    } catch (CreditException e) {
                        assertThat(e.code()).isEqualTo(CreditError.INSUFFICIENT_CREDITS);
                        rejected.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        // wait until every charge is durable, then compare with a replay of the stream
        ledger.changes().execute(id, new SetMonthlyCap(id, null, clock.instant()));

        long balance = ledger.standings().summary(id).orElseThrow().balance().value();
        List<CreditAccountEvent> history = journal.read(id, 0).stream().map(r -> r.payload()).toList();
        long events = history.stream().filter(UsageCharged.class::isInstance).count();
        System.out.printf("64 x 1000 charges: accepted %d, rejected %d, charged %d µc, balance %d µc%n",
                accepted.get(), rejected.get(), charged.get(), balance);
        assertThat(accepted.get() + rejected.get()).isEqualTo(threads * perThread);
        assertThat(rejected.get()).isPositive();
        assertThat(balance).isEqualTo(start - charged.get()).isNotNegative();
        assertThat(negativeSeen.get()).isZero();
        assertThat(events).isEqualTo(accepted.get());
        assertThat(CreditPosition.replay(history).balance().value()).isEqualTo(balance);
        assertThat(ledger.standings().summary(id).orElseThrow().reserved()).isEqualTo(MicroCredits.ZERO);
    }

    @Test
    void oneRequestIdRetriedAHundredTimesOneAfterAnotherAndAtOnceChargesOnce() throws Exception {
        AccountId id = open(Tier.FREE, 1_000_000_000L);
        MicroCredits estimate = MicroCredits.of(1_000);
        int ok = 0;
        for (int i = 0; i < 100; i++) {
            try {
                RequestAdmission.Hold hold = LedgerCalls.admit(ledger, id, new RequestId("same"), estimate);
                LedgerCalls.settle(ledger, hold, "m", "p", new TokenUsage(1, 1), false, PRICE).durable().join();
                ok++;
            } catch (CreditException e) {
                assertThat(e.code()).isEqualTo(CreditError.REQUEST_ALREADY_CHARGED);
            }
        }
        assertThat(ok).isEqualTo(1);

        ExecutorService pool = Executors.newFixedThreadPool(100);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger admitted = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            done.add(pool.submit(() -> {
                go.await();
                try {
                    RequestAdmission.Hold hold = LedgerCalls.admit(ledger, id, new RequestId("concurrent"), estimate);
                    admitted.incrementAndGet();
                    LedgerCalls.settle(ledger, hold, "m", "p", new TokenUsage(1, 1), false, PRICE).durable().join();
                } catch (CreditException e) {
                    // charged already, or still being answered by the one admitted
                    assertThat(e.code()).isIn(CreditError.REQUEST_ALREADY_CHARGED, CreditError.REQUEST_IN_PROGRESS);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(admitted.get()).isEqualTo(1);
        assertThat(journal.read(id, 0).stream().filter(r -> r.payload() instanceof UsageCharged).count()).isEqualTo(2);
    }

    @Test
    void twoHundredConcurrentRequestsNearTheMonthlyCapNeverPassIt() throws Exception {
        AccountId id = open(Tier.FREE, 1_000_000_000L);
        MicroCredits cap = MicroCredits.of(50_000_000);
        ledger.changes().execute(id, new SetMonthlyCap(id, cap, clock.instant()));
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            done.add(pool.submit(() -> {
                go.await();
                try {
                    // worst case 750,000 µc, actual 450,000–749,400 µc: about 70–110 fit under the cap
                    RequestAdmission.Hold hold = LedgerCalls.admit(ledger, id, new RequestId("cap-" + n),
                            PRICE.costOf(new TokenUsage(1_000, 1_000)));
                    LedgerCalls.settle(ledger, hold, "m", "p", new TokenUsage(1_000, 500 + n % 500), false, PRICE).durable().join();
                } catch (CreditException e) {
                    assertThat(e.code()).isEqualTo(CreditError.MONTHLY_CAP_REACHED);
                    refused.incrementAndGet();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        MicroCredits spent = ledger.standings().summary(id).orElseThrow().monthToDate();
        System.out.printf("200 requests at a cap of %s: %d refused, %s spent%n", cap, refused.get(), spent);
        assertThat(refused.get()).isPositive();
        assertThat(spent.isGreaterThan(cap)).isFalse();
        // Requests refused while others' worst-case holds were in flight may leave room that the
        // settled (smaller) charges freed; one at a time, the rest of the cap fills up to within one
        // request's worst case and never past it.
        int more = 0;
        try {
            while (more < 200) {
                RequestAdmission.Hold hold = LedgerCalls.admit(ledger, id, new RequestId("cap-more-" + more),
                        PRICE.costOf(new TokenUsage(1_000, 1_000)));
                LedgerCalls.settle(ledger, hold, "m", "p", new TokenUsage(1_000, 500), false, PRICE).durable().join();
                more++;
            }
        } catch (CreditException e) {
            assertThat(e.code()).isEqualTo(CreditError.MONTHLY_CAP_REACHED);
        }
        assertThat(more).as("the cap refuses long before 200 more").isLessThan(200);
        MicroCredits filled = ledger.standings().summary(id).orElseThrow().monthToDate();
        assertThat(filled.isGreaterThan(cap)).isFalse();
        assertThat(filled.value()).isGreaterThan(cap.value() - 750_000);
    }
}
