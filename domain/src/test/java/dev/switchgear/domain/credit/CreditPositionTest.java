package dev.switchgear.domain.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.credit.api.ChargeUsage;
import dev.switchgear.domain.credit.api.CreditsGranted;
import dev.switchgear.domain.credit.api.GrantCredits;
import dev.switchgear.domain.credit.api.RecordRequestFailure;
import dev.switchgear.domain.credit.api.RequestFailed;
import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.TokenUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CreditPositionTest {

    private static final AccountId ACCOUNT = AccountId.of(UUID.fromString("0d7f54a8-1a52-4c9f-8d1a-3f0e3f1f2b77"));
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ModelPrice PRICE = new ModelPrice(150_000, 600_000);

    private CreditPosition funded(long micros) {
        CreditPosition position = CreditPosition.opened(new AccountOpened(ACCOUNT, "Acme", Tier.FREE, T0));
        if (micros > 0) {
            position.apply(position.decide(new GrantCredits(ACCOUNT, MicroCredits.of(micros), "seed", T0)));
        }
        return position;
    }

    private ChargeUsage charge(String requestId, long in, long out) {
        return new ChargeUsage(ACCOUNT, new RequestId(requestId), "sim-echo", "simulator", new TokenUsage(in, out),
                false, PRICE, MicroCredits.ZERO, T0);
    }

    @Test
    void aCopyDecidesAlikeAndWhatItAppliesLeavesTheOriginalAlone() {
        CreditPosition original = funded(1_000_000);
        CreditPosition copy = original.copy();

        UsageCharged charged = copy.decide(charge("r1", 1000, 1000), MicroCredits.ZERO);
        copy.apply(charged);

        assertThat(copy.chargedRecently("r1")).isTrue();
        assertThat(original.chargedRecently("r1")).isFalse();
        assertThat(original.balance()).isEqualTo(MicroCredits.of(1_000_000));
        assertThat(original.decide(charge("r1", 1000, 1000), MicroCredits.ZERO)).isEqualTo(charged);
    }

    @Test
    void aPositionRemembersOnlyItsLastSixteenChargedIdsInReplayAsInLife() {
        CreditPosition position = funded(100_000_000);
        List<CreditAccountEvent> history = new ArrayList<>();
        history.add(new AccountOpened(ACCOUNT, "Acme", Tier.FREE, T0));
        history.add(new CreditsGranted(ACCOUNT, MicroCredits.of(100_000_000), "seed", MicroCredits.of(100_000_000), T0));
        for (int i = 0; i < 1_000; i++) {
            UsageCharged charged = position.decide(charge("r" + i, 10, 10), MicroCredits.ZERO);
            position.apply(charged);
            history.add(charged);
        }
        CreditPosition replayed = CreditPosition.replay(history);
        for (CreditPosition p : List.of(position, replayed, position.copy())) {
            assertThat(p.chargedRecently("r999")).isTrue();
            assertThat(p.chargedRecently("r984")).as("the sixteenth most recent").isTrue();
            assertThat(p.chargedRecently("r983")).as("the seventeenth: asked of the store, not remembered").isFalse();
            assertThat(p.chargedRecently("r0")).isFalse();
            assertThatThrownBy(() -> p.admit(new RequestId("r990"), MicroCredits.ZERO, MicroCredits.ZERO, false, T0))
                    .isInstanceOfSatisfying(CreditException.class,
                            e -> assertThat(e.code()).isEqualTo(CreditError.REQUEST_ALREADY_CHARGED));
        }
        assertThat(replayed.balance()).isEqualTo(position.balance());
    }

    @Test
    void chargesThePriceOfTheUsage() {
        CreditPosition position = funded(1_000_000);
        UsageCharged charged = position.decide(charge("r1", 1000, 1000), MicroCredits.ZERO);
        assertThat(charged.cost()).isEqualTo(MicroCredits.of(750_000));
        assertThat(charged.charged()).isEqualTo(MicroCredits.of(750_000));
        assertThat(charged.uncollected()).isEqualTo(MicroCredits.ZERO);
        assertThat(charged.balanceAfter()).isEqualTo(MicroCredits.of(250_000));
    }

    @Test
    void aChargeRecordsEachPartOfTheUsageAndItsRateAndIsReDerivableFromThem() {
        CreditPosition position = funded(100_000_000);
        ModelPrice sonnet = new ModelPrice(3_000_000, 15_000_000, 300_000, 3_750_000, 6_000_000, 15_000_000);
        TokenUsage usage = new TokenUsage(12_050, 400, 10_000, 1_500, 500, 0);

        UsageCharged charged = position.decide(new ChargeUsage(ACCOUNT, new RequestId("cached"), "claude-sonnet-4-0",
                "anthropic", usage, false, sonnet, MicroCredits.ZERO, T0, false, 2_500, null), MicroCredits.ZERO);

        // 17,775,000 at the list price (see PricedPartsTest) × 0.25 (Balanced), Free tier: no markup
        assertThat(charged.cost()).isEqualTo(MicroCredits.of(4_443_750));
        assertThat(charged.usage()).isEqualTo(usage);
        assertThat(charged.price()).isEqualTo(sonnet);
        assertThat(List.of(charged.cachedInputTokens(), charged.cacheWrite5mTokens(), charged.cacheWrite1hTokens(),
                charged.reasoningTokens())).containsExactly(10_000L, 1_500L, 500L, 0L);
        assertThat(List.of(charged.cachedInputPricePer1kTokens(), charged.cacheWrite5mPricePer1kTokens(),
                charged.cacheWrite1hPricePer1kTokens(), charged.reasoningPricePer1kTokens()))
                .containsExactly(300_000L, 3_750_000L, 6_000_000L, 15_000_000L);
        assertThat(charged.price().costOf(charged.usage(), charged.multiplierBasisPoints(), charged.markupBasisPoints()))
                .isEqualTo(charged.cost());
    }

    @Test
    void aFailureIsRecordedWithWhatWasAskedAndItsAttemptsAndChargesNothing() {
        CreditPosition position = funded(1_000_000);
        List<RoutingTrace.Attempt> attempts = List.of(new RoutingTrace.Attempt("m1", "p1", false, "timeout", 30_000),
                new RoutingTrace.Attempt("m2", "p2", true, "unavailable 503", 4));
        RequestFailed failed = position.decide(new RecordRequestFailure(ACCOUNT, new RequestId("r1"), "auto",
                "balanced", true, "ci", attempts, "upstream_unavailable", T0));
        assertThat(failed).isEqualTo(new RequestFailed(ACCOUNT, new RequestId("r1"), "auto", "balanced", true, "ci",
                attempts, "upstream_unavailable", T0));
        position.apply(failed);
        assertThat(position.balance()).isEqualTo(MicroCredits.of(1_000_000));
        assertThat(position.chargedRecently("r1")).isFalse();
        assertThat(position.decide(charge("r1", 1000, 1000), MicroCredits.ZERO).charged().isPositive()).isTrue();
        assertThatThrownBy(() -> position.decide(new RecordRequestFailure(AccountId.of(UUID.randomUUID()),
                new RequestId("r2"), "auto", null, false, null, List.of(), "upstream_unavailable", T0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cannotChargeMoreThanTheAvailableBalance() {
        CreditPosition position = funded(100_000);
        UsageCharged charged = position.decide(charge("r1", 1000, 1000), MicroCredits.of(40_000));
        assertThat(charged.charged()).isEqualTo(MicroCredits.of(60_000));
        assertThat(charged.uncollected()).isEqualTo(MicroCredits.of(690_000));
        assertThat(charged.balanceAfter()).isEqualTo(MicroCredits.of(40_000));
    }

    @Test
    void aRequestIdIsChargedOnce() {
        CreditPosition position = funded(10_000_000);
        position.apply(position.decide(charge("r1", 10, 10), MicroCredits.ZERO));
        assertThatThrownBy(() -> position.decide(charge("r1", 10, 10), MicroCredits.ZERO))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.REQUEST_ALREADY_CHARGED));
        assertThatThrownBy(() -> position.admit(new RequestId("r1"), MicroCredits.of(1), MicroCredits.ZERO, false, T0))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.REQUEST_ALREADY_CHARGED));
    }

    @Test
    void admissionRefusesAnEstimateBeyondTheUnreservedBalance() {
        CreditPosition position = funded(1_000);
        position.admit(new RequestId("a"), MicroCredits.of(600), MicroCredits.of(400), false, T0);
        assertThatThrownBy(() -> position.admit(new RequestId("b"), MicroCredits.of(601), MicroCredits.of(400), false, T0))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.INSUFFICIENT_CREDITS));
    }

    @Test
    void anEmptyAccountAdmitsOnlyFreeRequests() {
        CreditPosition position = funded(0);
        position.admit(new RequestId("free"), MicroCredits.ZERO, MicroCredits.ZERO, false, T0);
        assertThatThrownBy(() -> position.admit(new RequestId("paid"), MicroCredits.of(1), MicroCredits.ZERO, false, T0))
                .isInstanceOf(CreditException.class);
    }

    @Test
    void replayingTheHistoryGivesTheSameBalance() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        CreditPosition live = funded(0);
        List<CreditAccountEvent> history = new ArrayList<>();
        history.add(new AccountOpened(ACCOUNT, "Acme", Tier.FREE, T0));
        for (int i = 0; i < 2_000; i++) {
            CreditAccountEvent event = random.nextInt(5) == 0
                    ? live.decide(new GrantCredits(ACCOUNT, MicroCredits.of(1 + random.nextInt(5_000_000)), "g", T0))
                    : live.decide(charge("r" + i, random.nextInt(4_000), random.nextInt(4_000)),
                            MicroCredits.of(random.nextInt(100_000)));
            live.apply(event);
            history.add(event);
            assertThat(live.balance().isNegative()).as("balance negative with seed %d", seed).isFalse();
        }
        assertThat(CreditPosition.replay(history).balance()).as("seed %d", seed).isEqualTo(live.balance());
    }

    @Test
    void replayRefusesAHistoryThatDoesNotOpenTheAccount() {
        assertThatThrownBy(() -> CreditPosition.replay(List.of(
                new CreditsGranted(ACCOUNT, MicroCredits.of(1), "x", MicroCredits.of(1), T0))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CreditPosition.replay(List.of()))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.ACCOUNT_NOT_FOUND));
    }
}
