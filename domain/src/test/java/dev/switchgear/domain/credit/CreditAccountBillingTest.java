package dev.switchgear.domain.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.ChargeUsage;
import dev.switchgear.domain.credit.api.CreditsPurchased;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.credit.api.CreditsRefunded;
import dev.switchgear.domain.credit.api.MonthlyCapSet;
import dev.switchgear.domain.credit.api.PaymentFailed;
import dev.switchgear.domain.credit.api.RecordPaymentFailure;
import dev.switchgear.domain.credit.api.RecordPurchase;
import dev.switchgear.domain.credit.api.RecordRefund;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.credit.api.SetMonthlyCap;
import dev.switchgear.domain.credit.api.RefundPending;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.TokenUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Purchases, refunds, failures, caps and low-balance alerts on the CreditAccount. */
class CreditAccountBillingTest {

    private static final AccountId ACCOUNT = AccountId.of(UUID.fromString("5c2d9b8e-4a55-4c38-9d1e-0b7f2a9a1c33"));
    private static final Instant T0 = Instant.parse("2026-03-15T12:00:00Z");
    private static final AccountOpened OPENED = new AccountOpened(ACCOUNT, "Buyer", Tier.FREE, T0);
    private static final MicroCredits FIFTY_FIVE_THOUSAND = MicroCredits.of(55_000_000_000L);
    private static final RecordPurchase PURCHASE = new RecordPurchase(ACCOUNT, FIFTY_FIVE_THOUSAND, 5_000, "usd",
            "growth-50", "cs_test_1", "pi_1", "evt_paid", T0);

    private FixtureConfiguration<CreditAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CreditAccount.class);
    }

    private static CreditsPurchased purchased(String eventId) {
        return new CreditsPurchased(ACCOUNT, FIFTY_FIVE_THOUSAND, 5_000, "usd", "growth-50", "cs_test_1", "pi_1",
                eventId, FIFTY_FIVE_THOUSAND, T0);
    }

    @Test
    void aCompletedCheckoutCreditsOncePerSessionAndPerEvent() {
        fixture.given(OPENED).when(PURCHASE).expectEvents(purchased("evt_paid"));
        fixture.given(OPENED, purchased("evt_paid")).when(PURCHASE).expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(OPENED, purchased("evt_paid"))
                .when(new RecordPurchase(ACCOUNT, FIFTY_FIVE_THOUSAND, 5_000, "usd", "growth-50", "cs_test_1", "pi_1",
                        "evt_other_delivery", T0))
                .expectNoEvents();
    }

    @Test
    void aRefundClawsBackInProportionAndOnlyOnce() {
        RecordRefund half = new RecordRefund(ACCOUNT, "pi_1", "ch_1", 2_500, 5_000, "evt_half", T0);
        MicroCredits halfBack = MicroCredits.of(27_500_000_000L);
        fixture.given(OPENED, purchased("evt_paid")).when(half)
                .expectEvents(new CreditsRefunded(ACCOUNT, halfBack, "payment refunded", "pi_1", "ch_1", "evt_half",
                        FIFTY_FIVE_THOUSAND.minus(halfBack), T0));
        fixture.given(OPENED, purchased("evt_paid"), new CreditsRefunded(ACCOUNT, halfBack, "payment refunded", "pi_1",
                        "ch_1", "evt_half", FIFTY_FIVE_THOUSAND.minus(halfBack), T0))
                .when(new RecordRefund(ACCOUNT, "pi_1", "ch_1", 2_500, 5_000, "evt_half_again", T0))
                .expectNoEvents();
    }

    @Test
    void aPaymentFailureIsRecordedOnce() {
        RecordPaymentFailure failure = new RecordPaymentFailure(ACCOUNT, "pi_9", "card declined", "evt_fail", T0);
        fixture.given(OPENED).when(failure)
                .expectEvents(new PaymentFailed(ACCOUNT, "pi_9", "card declined", "evt_fail", T0));
        fixture.given(OPENED, new PaymentFailed(ACCOUNT, "pi_9", "card declined", "evt_fail", T0)).when(failure)
                .expectNoEvents();
    }

    @Test
    void everyOrderOfAPaymentAndItsRefundsEndsAtTheSameBalance() {
        List<Object> deliveries = List.of(PURCHASE,
                new RecordRefund(ACCOUNT, "pi_1", "ch_1", 1_000, 5_000, "evt_r1", T0),
                new RecordRefund(ACCOUNT, "pi_1", "ch_1", 3_000, 5_000, "evt_r2", T0),
                new RecordRefund(ACCOUNT, "pi_1", "ch_1", 3_000, 5_000, "evt_r2", T0));
        Set<MicroCredits> balances = new HashSet<>();
        for (List<Object> order : permutations(deliveries)) {
            CreditPosition position = CreditPosition.opened(OPENED);
            for (Object command : order) {
                List<CreditAccountEvent> events = command instanceof RecordPurchase p ? position.decide(p)
                        : position.decide((RecordRefund) command);
                events.forEach(position::apply);
            }
            balances.add(position.balance());
        }
        // 55,000 credits bought for $50, $30 of it refunded: 55,000 × 20/50 = 22,000 credits stay
        assertThat(balances).containsExactly(MicroCredits.of(22_000_000_000L));
    }

    @Test
    void aRefundBeforeItsPurchaseWaitsForIt() {
        RecordRefund early = new RecordRefund(ACCOUNT, "pi_1", "ch_1", 5_000, 5_000, "evt_full", T0);
        RefundPending pending = new RefundPending(ACCOUNT, "pi_1", "ch_1", 5_000, 5_000, "evt_full", T0);
        fixture.given(OPENED).when(early).expectEvents(pending);
        fixture.given(OPENED, pending).when(PURCHASE).expectEvents(purchased("evt_paid"),
                new CreditsRefunded(ACCOUNT, FIFTY_FIVE_THOUSAND, "payment refunded", "pi_1", "ch_1", null,
                        MicroCredits.ZERO, T0));
    }

    @Test
    void theMonthlyCapRefusesWhatWouldPassItAndClipsTheCharge() {
        CreditPosition position = CreditPosition.opened(OPENED);
        position.apply(purchased("evt_paid"));
        position.apply(position.decide(new SetMonthlyCap(ACCOUNT, MicroCredits.of(1_000_000), T0)));
        position.admit(new RequestId("a"), MicroCredits.of(600_000), MicroCredits.ZERO, false, T0);
        assertThatThrownBy(() -> position.admit(new RequestId("b"), MicroCredits.of(500_000), MicroCredits.of(600_000), false, T0))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.MONTHLY_CAP_REACHED));
        // a call on the caller's own key is not platform spend: the cap does not apply
        position.admit(new RequestId("own"), MicroCredits.ZERO, MicroCredits.of(600_000), true, T0);
        UsageCharged charged = position.decide(new ChargeUsage(ACCOUNT, new RequestId("a"), "m", "p",
                new TokenUsage(1_000, 1_000), false, new ModelPrice(1_000_000, 1_000_000), MicroCredits.of(600_000), T0,
                false, 10_000, null), MicroCredits.ZERO);
        assertThat(charged.charged()).isEqualTo(MicroCredits.of(1_000_000));
        assertThat(charged.uncollected()).isEqualTo(MicroCredits.of(1_000_000));
        position.apply(charged);
        assertThat(position.spentInMonthOf(T0)).isEqualTo(MicroCredits.of(1_000_000));
        assertThat(position.spentInMonthOf(Instant.parse("2026-04-01T00:00:00Z"))).isEqualTo(MicroCredits.ZERO);
        position.admit(new RequestId("next-month"), MicroCredits.of(900_000), MicroCredits.ZERO, false,
                Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(position.decide(new SetMonthlyCap(ACCOUNT, null, T0))).isEqualTo(new MonthlyCapSet(ACCOUNT, null, T0));
    }

    @Test
    void aChargeCrossingTheThresholdRaisesOneAlertUntilTheNextTopUp() {
        CreditPosition position = CreditPosition.opened(OPENED);
        position.apply(purchased("evt_paid")); // default threshold: 10 % of 55,000 = 5,500 credits
        assertThat(position.effectiveThreshold()).isEqualTo(MicroCredits.of(5_500_000_000L));
        UsageCharged big = charge(position, "big", 50_000_000_000L);
        assertThat(position.alertAfter(big)).isPresent();
        position.apply(position.alertAfter(big).get());
        assertThat(position.lowBalance()).isTrue();
        UsageCharged more = charge(position, "more", 1_000_000L);
        assertThat(position.alertAfter(more)).isEmpty();
        position.apply(new CreditsPurchased(ACCOUNT, FIFTY_FIVE_THOUSAND, 5_000, "usd", "growth-50", "cs_2", "pi_2",
                "evt_2", position.balance().plus(FIFTY_FIVE_THOUSAND), T0));
        assertThat(position.lowBalance()).isFalse();
    }

    private static UsageCharged charge(CreditPosition position, String id, long micros) {
        UsageCharged charged = position.decide(new ChargeUsage(ACCOUNT, new RequestId(id), "m", "p",
                new TokenUsage(micros, 0), false, new ModelPrice(1_000, 0), MicroCredits.ZERO, T0), MicroCredits.ZERO);
        position.apply(charged);
        return charged;
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> order = new ArrayList<>();
                order.add(head);
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }
}
