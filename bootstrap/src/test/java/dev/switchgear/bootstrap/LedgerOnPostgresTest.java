package dev.switchgear.bootstrap;

import dev.switchgear.application.port.in.credit.UsageSettlement;
import dev.switchgear.application.port.in.credit.RequestAdmission;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.application.port.out.usage.UsageReadModel;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.CreditPosition;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue #6's first acceptance on the real stack: 64 threads × 1,000 random charges on one account
 * through the request-path ledger, appended through Axon to PostgreSQL and projected into the usage
 * read model. The balance is exact, nothing is lost or doubled, it never goes negative, and a replay
 * of the stored events and the usage projection both agree with it.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class LedgerOnPostgresTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "ledger");
    }

    @Autowired
    CreditLedger ledger;
    @Autowired
    CreditAccountJournal journal;
    @Autowired
    dev.switchgear.application.port.in.credit.ManageAccountsUseCase accounts;
    @Autowired
    org.jooq.DSLContext db;
    @Autowired
    com.fasterxml.jackson.databind.ObjectMapper json;

    @Test
    void sixtyFourThreadsTimesAThousandChargesAgreeWithTheEventsAndTheProjection() throws Exception {
        var admin = dev.switchgear.application.port.in.shared.Caller.administrator();
        AccountId id = accounts.open(admin, "Busy team", Tier.PROFESSIONAL);
        long start = accounts.grant(admin, id, MicroCredits.of(20_000_000_000L), "seed").value();
        ModelPrice price = new ModelPrice(150_000, 600_000);
        long seed = System.nanoTime();
        System.out.println("LedgerOnPostgresTest seed " + seed);
        AtomicLong charged = new AtomicLong();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<CompletableFuture<UsageCharged>>>> done = new ArrayList<>();
        long began = System.nanoTime();
        for (int t = 0; t < 64; t++) {
            SplittableRandom random = new SplittableRandom(seed + t);
            int thread = t;
            done.add(pool.submit(() -> {
                go.await();
                List<CompletableFuture<UsageCharged>> durable = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    long input = random.nextLong(1, 2_000);
                    long maxOutput = random.nextLong(1, 2_000);
                    MicroCredits estimate = price.costOf(new TokenUsage(input, maxOutput), 10_000,
                            Tier.PROFESSIONAL.markupBasisPoints());
                    try {
                        RequestAdmission.Hold hold = ledger.admission().admit(id,
                                new RequestId("pg-" + thread + "-" + i),
                                standing -> new RequestAdmission.Reservation<>(estimate, false, standing)).hold();
                        UsageSettlement.Settlement s = ledger.settlement().settle(hold, new UsageSettlement.Charge(
                                "sim-echo", "simulator", new TokenUsage(input, random.nextLong(0, maxOutput + 1)), false,
                                price, false, ModelPrice.FULL, null));
                        charged.addAndGet(s.charge().charged().value());
                        accepted.incrementAndGet();
                        durable.add(s.durable());
                    } catch (CreditException e) {
                        assertThat(e.code()).isEqualTo(CreditError.INSUFFICIENT_CREDITS);
                        rejected.incrementAndGet();
                    }
                }
                return durable;
            }));
        }
        go.countDown();
        for (Future<List<CompletableFuture<UsageCharged>>> f : done) {
            for (CompletableFuture<UsageCharged> d : f.get()) {
                assertThat(d.get().balanceAfter().isNegative()).isFalse();
            }
        }
        long millis = (System.nanoTime() - began) / 1_000_000;
        pool.shutdown();

        long balance = ledger.standings().summary(id).orElseThrow().balance().value();
        List<CreditAccountEvent> history = journal.read(id, 0).stream().map(CreditAccountJournal.Recorded::payload)
                .toList();
        UsageReadModel usage = new dev.switchgear.adapter.persistence.readmodel.JooqUsageReadModel(db, json);
        Instant from = Instant.now().minus(Duration.ofDays(1));
        Instant to = Instant.now().plus(Duration.ofDays(1));
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (usage.totals(id, from, to).requests() < accepted.get() && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        var projected = usage.totals(id, from, to);
        System.out.printf("on PostgreSQL: %d accepted, %d rejected, %d µc charged in %d ms; balance %d µc%n",
                accepted.get(), rejected.get(), charged.get(), millis, balance);

        assertThat(accepted.get() + rejected.get()).isEqualTo(64_000);
        assertThat(balance).isEqualTo(start - charged.get()).isNotNegative();
        assertThat(CreditPosition.replay(history).balance().value()).isEqualTo(balance);
        assertThat(history.stream().filter(UsageCharged.class::isInstance).count()).isEqualTo(accepted.get());
        assertThat(projected.requests()).isEqualTo(accepted.get());
        assertThat(projected.charged().value()).isEqualTo(charged.get());
        assertThat(db.fetchCount(db.selectOne().from("charged_request").where("account_id = ?::uuid", id.value())))
                .as("every charge in the index of charged ids (ADR 0032)").isEqualTo(accepted.get());
    }
}
