package dev.switchgear.adapter.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.application.port.out.limit.RateLimiter;
import dev.switchgear.application.port.out.limit.RateLimiter.Exhausted;
import dev.switchgear.application.port.out.limit.RateLimiter.Limits;
import dev.switchgear.application.port.out.limit.RateLimiter.Reservation;
import dev.switchgear.domain.shared.AccountId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimiter} does (ADR 0017), run against the in-memory buckets and against
 * Redis: exact counts under concurrency, reservations of both budgets or neither, give-back,
 * true-up, and the reset times a response reports, on a clock the test moves.
 */
abstract class RateLimiterContract {

    final TestClock clock = new TestClock();
    final AccountId account = AccountId.of(UUID.randomUUID());

    /** The limiter under test, reading the time from {@link #clock}. */
    abstract RateLimiter limiter();

    @Test
    void exactlyTheLimitOfTwoHundredConcurrentRequestsPass() throws Exception {
        RateLimiter limiter = limiter();
        Limits limits = new Limits(20, 1_000_000);
        ExecutorService pool = Executors.newFixedThreadPool(200);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reservation>> tries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tries.add(pool.submit(() -> {
                start.await();
                return limiter.reserve(account, limits, 100);
            }));
        }
        start.countDown();
        int admitted = 0;
        int refused = 0;
        for (Future<Reservation> attempt : tries) {
            Reservation reservation = attempt.get();
            if (reservation.admitted()) {
                admitted++;
            } else {
                refused++;
                assertThat(reservation.exhausted()).isEqualTo(Exhausted.REQUESTS);
            }
        }
        pool.shutdownNow();
        assertThat(admitted).isEqualTo(20);
        assertThat(refused).isEqualTo(180);
        Reservation after = limiter.reserve(account, limits, 1);
        assertThat(after.admitted()).isFalse();
        assertThat(after.tokenBudget().remaining()).isEqualTo(1_000_000 - 20 * 100);
    }

    @Test
    void aReservationTheTokenBudgetRefusesTakesNoRequestEither() {
        RateLimiter limiter = limiter();
        Limits limits = new Limits(3, 100);
        Reservation tooMany = limiter.reserve(account, limits, 101);
        assertThat(tooMany.admitted()).isFalse();
        assertThat(tooMany.exhausted()).isEqualTo(Exhausted.TOKENS);
        assertThat(tooMany.requests().remaining()).isEqualTo(3);
        assertThat(tooMany.tokenBudget().remaining()).isEqualTo(100);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.reserve(account, limits, 10).admitted()).isTrue();
        }
        Reservation fourth = limiter.reserve(account, limits, 10);
        assertThat(fourth.exhausted()).isEqualTo(Exhausted.REQUESTS);
        assertThat(fourth.tokenBudget().remaining()).isEqualTo(70);
    }

    @Test
    void aReleasedReservationGivesBothBudgetsBack() {
        RateLimiter limiter = limiter();
        Limits limits = new Limits(1, 100);
        Reservation first = limiter.reserve(account, limits, 60);
        assertThat(first.admitted()).isTrue();
        assertThat(first.requests().remaining()).isZero();
        assertThat(first.tokenBudget().remaining()).isEqualTo(40);
        limiter.release(first);
        Reservation whole = limiter.reserve(account, limits, 100);
        assertThat(whole.admitted()).isTrue();
        assertThat(whole.tokenBudget().remaining()).isZero();
    }

    @Test
    void aTrueUpBelowTheReservationGivesTheUnusedTokensBack() {
        RateLimiter limiter = limiter();
        Limits limits = new Limits(10, 100);
        Reservation reserved = limiter.reserve(account, limits, 80);
        limiter.trueUp(reserved, 30);
        Reservation next = limiter.reserve(account, limits, 70);
        assertThat(next.admitted()).isTrue();
        assertThat(next.tokenBudget().remaining()).isZero();
        assertThat(limiter.reserve(account, limits, 1).exhausted()).isEqualTo(Exhausted.TOKENS);
    }

    @Test
    void aTrueUpAboveTheReservationTakesTheExcessEvenPastTheLimit() {
        RateLimiter limiter = limiter();
        Limits limits = new Limits(10, 100);
        Reservation reserved = limiter.reserve(account, limits, 50);
        limiter.trueUp(reserved, 150);
        assertThat(limiter.reserve(account, limits, 1).exhausted()).isEqualTo(Exhausted.TOKENS);
        clock.advance(Duration.ofMinutes(1));
        Reservation afterAMinute = limiter.reserve(account, limits, 1);
        assertThat(afterAMinute.exhausted()).as("the minute's refill first pays the 50 tokens owed").isNull();
        assertThat(afterAMinute.tokenBudget().remaining()).isEqualTo(49);
    }

    @Test
    void theWholeLimitComesBackAMinuteAfterTheFirstRequestAndTheResetSaysWhen() {
        RateLimiter limiter = limiter();
        Limits limits = new Limits(2, 1_000);
        Reservation first = limiter.reserve(account, limits, 10);
        assertThat(first.requests().reset()).isEqualTo(Duration.ofMinutes(1));
        clock.advance(Duration.ofSeconds(20));
        Reservation second = limiter.reserve(account, limits, 10);
        assertThat(second.requests().remaining()).isZero();
        assertThat(second.requests().reset()).isEqualTo(Duration.ofSeconds(40));
        assertThat(second.tokenBudget().reset()).isEqualTo(Duration.ofSeconds(40));
        clock.advance(Duration.ofMillis(30_800));
        Reservation third = limiter.reserve(account, limits, 10);
        assertThat(third.admitted()).isFalse();
        assertThat(third.retryAfter()).isEqualTo(Duration.ofMillis(9_200));
        clock.advance(Duration.ofMillis(9_200));
        Reservation fresh = limiter.reserve(account, limits, 10);
        assertThat(fresh.admitted()).isTrue();
        assertThat(fresh.requests().remaining()).isEqualTo(1);
    }

    @Test
    void aRequestLargerThanTheTokenLimitIsRefusedForAMinuteAndTakesNothing() {
        RateLimiter limiter = limiter();
        Reservation huge = limiter.reserve(account, new Limits(5, 1_000), 5_000);
        assertThat(huge.exhausted()).isEqualTo(Exhausted.TOKENS);
        assertThat(huge.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(huge.requests().remaining()).isEqualTo(5);
    }

    @Test
    void aRaisedLimitAddsTheDifferenceAndALoweredOneCapsWhatRemains() {
        RateLimiter limiter = limiter();
        for (int i = 0; i < 8; i++) {
            assertThat(limiter.reserve(account, new Limits(10, 1_000), 1).admitted()).isTrue();
        }
        Reservation raised = limiter.reserve(account, new Limits(20, 1_000), 1);
        assertThat(raised.requests().limit()).isEqualTo(20);
        assertThat(raised.requests().remaining()).as("2 left of 10, 10 more, 1 taken").isEqualTo(11);
        Reservation lowered = limiter.reserve(account, new Limits(6, 1_000), 1);
        assertThat(lowered.requests().limit()).isEqualTo(6);
        assertThat(lowered.requests().remaining()).as("11 left, capped at 6, 1 taken").isEqualTo(5);
    }

    @Test
    void accountsHaveBudgetsOfTheirOwn() {
        RateLimiter limiter = limiter();
        Limits limits = new Limits(1, 100);
        assertThat(limiter.reserve(account, limits, 1).admitted()).isTrue();
        assertThat(limiter.reserve(account, limits, 1).admitted()).isFalse();
        assertThat(limiter.reserve(AccountId.of(UUID.randomUUID()), limits, 1).admitted()).isTrue();
    }
}
