package dev.switchgear.application.service.credit;

import dev.switchgear.application.port.in.credit.RequestAdmission;
import dev.switchgear.application.fakes.LedgerCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.InMemoryCreditAccountCommands;
import dev.switchgear.application.fakes.InMemoryCreditAccountJournal;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.CreditPosition;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.credit.api.GrantCredits;
import dev.switchgear.domain.credit.api.OpenAccount;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.TokenUsage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CreditLedgerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final ModelPrice PRICE = new ModelPrice(1_000, 1_000);
    private static final TokenUsage ONE_CENT = new TokenUsage(5, 5);

    private final InMemoryCreditAccountJournal journal = new InMemoryCreditAccountJournal();
    private final InMemoryCreditAccountCommands commands = new InMemoryCreditAccountCommands(journal);
    private final CreditLedger ledger = new CreditLedger(journal, commands, CLOCK, 256);

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    private AccountId openWith(long micros) {
        AccountId id = AccountId.of(UUID.randomUUID());
        commands.send(new OpenAccount(id, "team", Tier.FREE, CLOCK.instant())); // no markup: list-price charges
        if (micros > 0) {
            ledger.changes().execute(id, new GrantCredits(id, MicroCredits.of(micros), "seed", CLOCK.instant()));
        }
        return id;
    }

    private UsageCharged charge(AccountId id, String requestId, MicroCredits estimate, TokenUsage usage) {
        RequestAdmission.Hold hold = LedgerCalls.admit(ledger, id, new RequestId(requestId), estimate);
        return LedgerCalls.settle(ledger, hold, "m", "p", usage, false, PRICE).durable().join();
    }

    @Test
    void aChargeIsDurableWhenItsFutureCompletes() {
        AccountId id = openWith(1_000);
        UsageCharged charged = charge(id, "r1", MicroCredits.of(10), ONE_CENT);
        assertThat(charged.charged()).isEqualTo(MicroCredits.of(10));
        assertThat(journal.payloads(id)).last().isEqualTo(charged);
        assertThat(ledger.standings().summary(id).orElseThrow().balance()).isEqualTo(MicroCredits.of(990));
    }

    @Test
    void concurrentRequestsNeverSpendMoreThanTheBalance() throws Exception {
        AccountId id = openWith(100 * 10);
        int requests = 200;
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String requestId = "r" + i;
            futures.add(pool.submit(() -> {
                start.await();
                try {
                    RequestAdmission.Hold hold = LedgerCalls.admit(ledger, id, new RequestId(requestId), MicroCredits.of(10));
                    Thread.sleep(1);
                    LedgerCalls.settle(ledger, hold, "m", "p", ONE_CENT, false, PRICE).durable().join();
                    accepted.incrementAndGet();
                } catch (CreditException e) {
                    assertThat(e.code()).isEqualTo(CreditError.INSUFFICIENT_CREDITS);
                    refused.incrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(accepted.get()).isEqualTo(100);
        assertThat(accepted.get() + refused.get()).isEqualTo(requests);
        assertThat(ledger.standings().summary(id).orElseThrow().balance()).isEqualTo(MicroCredits.ZERO);
        assertThat(CreditPosition.replay(journal.payloads(id)).balance()).isEqualTo(MicroCredits.ZERO);
        assertThat(journal.appendCount()).as("group commit batches charges").isLessThan(2 + 100);
    }

    @Test
    void aRequestIdIsChargedOnceEvenWhenRetried() {
        AccountId id = openWith(1_000);
        charge(id, "same", MicroCredits.of(10), ONE_CENT);
        assertThatThrownBy(() -> charge(id, "same", MicroCredits.of(10), ONE_CENT))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.REQUEST_ALREADY_CHARGED));
        RequestAdmission.Hold inFlight = LedgerCalls.admit(ledger, id, new RequestId("flying"), MicroCredits.of(10));
        assertThatThrownBy(() -> LedgerCalls.admit(ledger, id, new RequestId("flying"), MicroCredits.of(10)))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.REQUEST_IN_PROGRESS));
        ledger.admission().release(inFlight);
        assertThat(ledger.standings().summary(id).orElseThrow().balance()).isEqualTo(MicroCredits.of(990));
        assertThat(ledger.standings().summary(id).orElseThrow().reserved()).isEqualTo(MicroCredits.ZERO);
    }

    @Test
    void anIdChargedLongAgoIsStillRefusedByTheStoresIndexAndItsHoldGivenBack() {
        AccountId id = openWith(100_000);
        charge(id, "early", MicroCredits.of(10), ONE_CENT);
        for (int i = 0; i < 100; i++) {
            charge(id, "later-" + i, MicroCredits.of(10), ONE_CENT);
        }
        long balance = ledger.standings().summary(id).orElseThrow().balance().value();
        int lookups = journal.chargeLookups();

        assertThatThrownBy(() -> charge(id, "early", MicroCredits.of(10), ONE_CENT))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.REQUEST_ALREADY_CHARGED));

        assertThat(journal.chargeLookups()).as("the position forgot it; the store was asked").isEqualTo(lookups + 1);
        assertThat(ledger.standings().summary(id).orElseThrow().reserved()).isEqualTo(MicroCredits.ZERO);
        assertThat(ledger.standings().summary(id).orElseThrow().balance().value()).isEqualTo(balance);
        try (CreditLedger restarted = new CreditLedger(journal, commands, CLOCK, 256)) {
            assertThatThrownBy(() -> LedgerCalls.admit(restarted, id, new RequestId("early"), MicroCredits.of(10)))
                    .isInstanceOfSatisfying(CreditException.class,
                            e -> assertThat(e.code()).isEqualTo(CreditError.REQUEST_ALREADY_CHARGED));
        }
    }

    @Test
    void anIdTheGatewayJustMadeIsNotLookedUpAndOneTheCallerChoseIsUntilDurable() throws Exception {
        AccountId id = openWith(1_000);
        int lookups = journal.chargeLookups();
        RequestAdmission.Hold fresh = ledger.admission().admitNewId(id, new RequestId("chatcmpl-" + UUID.randomUUID()),
                standing -> new RequestAdmission.Reservation<>(MicroCredits.of(10), false, standing)).hold();
        LedgerCalls.settle(ledger, fresh, "m", "p", ONE_CENT, false, PRICE).durable().join();
        assertThat(journal.chargeLookups()).isEqualTo(lookups);

        CountDownLatch appending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        InMemoryCreditAccountJournal slow = new InMemoryCreditAccountJournal() {
            @Override
            public void append(List<Entry> entries) {
                if (entries.stream().anyMatch(e -> e.payload() instanceof UsageCharged)) {
                    appending.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.append(entries);
            }
        };
        InMemoryCreditAccountCommands slowCommands = new InMemoryCreditAccountCommands(slow);
        try (CreditLedger slowLedger = new CreditLedger(slow, slowCommands, CLOCK, 256)) {
            AccountId other = AccountId.of(UUID.randomUUID());
            slowCommands.send(new OpenAccount(other, "team", Tier.FREE, CLOCK.instant()));
            slowLedger.changes().execute(other, new GrantCredits(other, MicroCredits.of(1_000), "seed", CLOCK.instant()));
            RequestAdmission.Hold mine = LedgerCalls.admit(slowLedger, other, new RequestId("mine"), MicroCredits.of(10));
            CompletableFuture<UsageCharged> durable = LedgerCalls.settle(slowLedger, mine, "m", "p", ONE_CENT, false,
                    PRICE).durable();
            assertThat(appending.await(10, TimeUnit.SECONDS)).isTrue();
            // charged, not durable, not in the store's index yet: the retry waits rather than being charged again
            assertThatThrownBy(() -> LedgerCalls.admit(slowLedger, other, new RequestId("mine"), MicroCredits.of(10)))
                    .isInstanceOfSatisfying(CreditException.class,
                            e -> assertThat(e.code()).isEqualTo(CreditError.REQUEST_IN_PROGRESS));
            release.countDown();
            durable.join();
            assertThatThrownBy(() -> LedgerCalls.admit(slowLedger, other, new RequestId("mine"), MicroCredits.of(10)))
                    .isInstanceOfSatisfying(CreditException.class,
                            e -> assertThat(e.code()).isEqualTo(CreditError.REQUEST_ALREADY_CHARGED));
        }
    }

    @Test
    void aFailedAppendFailsItsCallersAndLeavesNoGap() {
        AccountId id = openWith(1_000);
        journal.failNextAppends(1);
        RequestAdmission.Hold hold = LedgerCalls.admit(ledger, id, new RequestId("lost"), MicroCredits.of(10));
        CompletableFuture<UsageCharged> lost = LedgerCalls.settle(ledger, hold, "m", "p", ONE_CENT, false, PRICE).durable();
        assertThatThrownBy(lost::join).hasRootCauseMessage("injected failure: the database is down");

        UsageCharged next = charge(id, "kept", MicroCredits.of(10), ONE_CENT);
        assertThat(next.balanceAfter()).isEqualTo(MicroCredits.of(990));
        assertThat(ledger.standings().summary(id).orElseThrow().balance()).isEqualTo(MicroCredits.of(990));
        assertThat(CreditPosition.replay(journal.payloads(id)).balance()).isEqualTo(MicroCredits.of(990));
    }

    @Test
    void grantsInterleavedWithChargesKeepOneContiguousStream() throws Exception {
        AccountId id = openWith(1_000_000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                if (n % 40 == 0) {
                    ledger.changes().execute(id, new GrantCredits(id, MicroCredits.of(7), "g" + n, CLOCK.instant()));
                } else {
                    charge(id, "c" + n, MicroCredits.of(10), ONE_CENT);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        long expected = 1_000_000 + 10 * 7 - 390 * 10;
        assertThat(ledger.standings().summary(id).orElseThrow().balance()).isEqualTo(MicroCredits.of(expected));
        assertThat(CreditPosition.replay(journal.payloads(id)).balance()).isEqualTo(MicroCredits.of(expected));
    }

    @Test
    void anUnknownAccountIsNotFound() {
        AccountId unknown = AccountId.of(UUID.randomUUID());
        assertThat(ledger.standings().summary(unknown)).isEmpty();
        assertThatThrownBy(() -> LedgerCalls.admit(ledger, unknown, new RequestId("x"), MicroCredits.ZERO))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.ACCOUNT_NOT_FOUND));
    }
}
