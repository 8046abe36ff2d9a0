package dev.switchgear.application.service.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.InMemoryCreditAccountCommands;
import dev.switchgear.application.fakes.InMemoryCreditAccountJournal;
import dev.switchgear.application.fakes.LedgerCalls;
import dev.switchgear.application.port.in.credit.RequestAdmission;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.CreditPosition;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.credit.api.GrantCredits;
import dev.switchgear.domain.credit.api.OpenAccount;
import dev.switchgear.domain.credit.api.RequestFailed;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.shared.TokenUsage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two ledgers on one journal are two gateway nodes on one database (ADR 0030): each believes it
 * writes the account's stream; their appends meet on the (account, sequence) key, and the loser
 * rebases and appends again.
 */
class CreditLedgerReplicasTest {

    private static final ModelPrice PRICE = new ModelPrice(150_000, 600_000);
    private final Clock clock = Clock.systemUTC();
    private final InMemoryCreditAccountJournal journal = new InMemoryCreditAccountJournal();
    private final InMemoryCreditAccountCommands commands = new InMemoryCreditAccountCommands(journal);
    private final CreditLedger nodeA = new CreditLedger(journal, commands, clock, 64);
    private final CreditLedger nodeB = new CreditLedger(journal, commands, clock, 64);

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
    }

    private AccountId open(long micros) {
        AccountId id = AccountId.of(UUID.randomUUID());
        commands.send(new OpenAccount(id, "team", Tier.STARTER, clock.instant()));
        commands.send(new GrantCredits(id, MicroCredits.of(micros), "seed", clock.instant()));
        return id;
    }

    private List<CreditAccountEvent> history(AccountId id) {
        return journal.payloads(id);
    }

    @Test
    void twoNodesChargingOneAccountAtOnceChargeEveryRequestOnceAndAgreeWithTheStream() throws Exception {
        long start = 1_000_000_000_000L;
        AccountId id = open(start);
        AtomicLong charged = new AtomicLong();
        Set<String> answered = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            CreditLedger node = t % 2 == 0 ? nodeA : nodeB;
            int thread = t;
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 150; i++) {
                    RequestId requestId = new RequestId("r-" + thread + "-" + i);
                    RequestAdmission.Hold hold = LedgerCalls.admit(node, id, requestId, MicroCredits.of(2_000_000));
                    UsageCharged stored = LedgerCalls.settle(node, hold, "m", "p", new TokenUsage(100, 50 + i), false,
                            PRICE).durable().join();
                    charged.addAndGet(stored.charged().value());
                    answered.add(requestId.value());
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        List<CreditAccountEvent> history = history(id);
        List<String> chargedIds = history.stream().filter(UsageCharged.class::isInstance)
                .map(e -> ((UsageCharged) e).requestId().value()).toList();
        assertThat(chargedIds).hasSize(16 * 150).doesNotHaveDuplicates();
        assertThat(new HashSet<>(chargedIds)).isEqualTo(answered);
        long replayed = CreditPosition.replay(history).balance().value();
        assertThat(replayed).isEqualTo(start - charged.get());
        nodeA.catchUp(journal);
        nodeB.catchUp(journal);
        assertThat(nodeA.standings().summary(id).orElseThrow().balance().value()).isEqualTo(replayed);
        assertThat(nodeB.standings().summary(id).orElseThrow().balance().value()).isEqualTo(replayed);
        long conflicts = nodeA.stats().conflicts() + nodeB.stats().conflicts();
        System.out.printf("two nodes, 2,400 charges on one account: %d conflicts, %d rebases%n", conflicts,
                nodeA.stats().rebases() + nodeB.stats().rebases());
        assertThat(conflicts).isPositive();
    }

    @Test
    void aFailedRequestsRecordQueuedWhenTheOtherNodeWroteIsStillWrittenAfterTheRebase() {
        AccountId id = open(1_000_000_000L);
        RequestAdmission.Hold failing = LedgerCalls.admit(nodeB, id, new RequestId("failed-on-b"), MicroCredits.of(1_000_000));
        RequestAdmission.Hold onA = LedgerCalls.admit(nodeA, id, new RequestId("charged-on-a"), MicroCredits.of(1_000_000));
        LedgerCalls.settle(nodeA, onA, "m", "p", new TokenUsage(100, 100), false, PRICE).durable().join();

        // B's books do not know A's charge: its failure record and the charge behind it meet A's write
        nodeB.admission().fail(failing, new RequestAdmission.Failure("auto", "balanced", false, null, List.of(),
                "upstream_unavailable"));
        RequestAdmission.Hold onB = LedgerCalls.admit(nodeB, id, new RequestId("charged-on-b"), MicroCredits.of(1_000_000));
        LedgerCalls.settle(nodeB, onB, "m", "p", new TokenUsage(100, 100), false, PRICE).durable().join();

        assertThat(nodeB.stats().rebases()).isPositive();
        assertThat(history(id).stream().filter(RequestFailed.class::isInstance)
                .map(e -> ((RequestFailed) e).requestId().value())).containsExactly("failed-on-b");
        assertThat(history(id).stream().filter(UsageCharged.class::isInstance)
                .map(e -> ((UsageCharged) e).requestId().value())).containsExactly("charged-on-a", "charged-on-b");
        assertThat(nodeB.standings().summary(id).orElseThrow().balance().value())
                .isEqualTo(CreditPosition.replay(history(id)).balance().value());
    }

    @Test
    void aRequestTheOtherNodeChargedIsNotChargedAgain() {
        AccountId id = open(1_000_000_000L);
        RequestId same = new RequestId("same-on-both");
        RequestAdmission.Hold onA = LedgerCalls.admit(nodeA, id, same, MicroCredits.of(1_000_000));
        RequestAdmission.Hold onB = LedgerCalls.admit(nodeB, id, same, MicroCredits.of(1_000_000));
        LedgerCalls.settle(nodeA, onA, "m", "p", new TokenUsage(100, 100), false, PRICE).durable().join();

        var second = LedgerCalls.settle(nodeB, onB, "m", "p", new TokenUsage(100, 100), false, PRICE).durable();

        assertThatThrownBy(second::join).isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.REQUEST_ALREADY_CHARGED));
        assertThat(history(id).stream().filter(UsageCharged.class::isInstance)).hasSize(1);
        assertThat(nodeB.stats().rebases()).isEqualTo(1);
        // B's books are the stream's again: its next charge lands
        RequestAdmission.Hold next = LedgerCalls.admit(nodeB, id, new RequestId("next"), MicroCredits.of(1_000_000));
        LedgerCalls.settle(nodeB, next, "m", "p", new TokenUsage(100, 100), false, PRICE).durable().join();
        assertThat(nodeB.standings().summary(id).orElseThrow().balance().value())
                .isEqualTo(CreditPosition.replay(history(id)).balance().value());
    }

    @Test
    void chargesTheOtherNodeDidNotSeeNeverTakeTheBalanceBelowZeroAndTheRestIsRecordedAsUncollected() {
        AccountId id = open(1_000_000L);
        // both nodes admit the whole balance: neither sees the other's hold
        RequestAdmission.Hold onA = LedgerCalls.admit(nodeA, id, new RequestId("a"), MicroCredits.of(1_000_000));
        RequestAdmission.Hold onB = LedgerCalls.admit(nodeB, id, new RequestId("b"), MicroCredits.of(1_000_000));
        UsageCharged a = LedgerCalls.settle(nodeA, onA, "m", "p", new TokenUsage(700, 700), false, PRICE)
                .durable().join();
        UsageCharged b = LedgerCalls.settle(nodeB, onB, "m", "p", new TokenUsage(700, 700), false, PRICE)
                .durable().join();

        assertThat(a.charged().value()).isEqualTo(a.cost().value()).isPositive();
        assertThat(b.charged().value() + a.charged().value()).isLessThanOrEqualTo(1_000_000);
        assertThat(b.uncollected().value()).isEqualTo(b.cost().value() - b.charged().value()).isPositive();
        assertThat(b.balanceAfter().isNegative()).isFalse();
        // the overspend (served, not covered) is at most what the other node held unseen
        assertThat(b.uncollected().value()).isLessThanOrEqualTo(onA.amount().value());
        assertThat(CreditPosition.replay(history(id)).balance()).isEqualTo(b.balanceAfter());
    }

    @Test
    void aNodeCatchesUpWithWhatTheOtherChargedBeforeItAdmitsMore() {
        AccountId id = open(1_000_000L);
        assertThat(nodeB.standings().summary(id).orElseThrow().balance().value()).isEqualTo(1_000_000);
        RequestAdmission.Hold onA = LedgerCalls.admit(nodeA, id, new RequestId("a"), MicroCredits.of(900_000));
        LedgerCalls.settle(nodeA, onA, "m", "p", new TokenUsage(1_000, 1_000), false, PRICE).durable().join();
        long left = CreditPosition.replay(history(id)).balance().value();

        assertThat(nodeB.catchUp(journal)).isEqualTo(1);

        assertThat(nodeB.standings().summary(id).orElseThrow().balance().value()).isEqualTo(left);
        assertThatThrownBy(() -> LedgerCalls.admit(nodeB, id, new RequestId("b"), MicroCredits.of(left + 1)))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.INSUFFICIENT_CREDITS));
        assertThat(nodeB.stats().refreshes()).isEqualTo(1);
    }
}
