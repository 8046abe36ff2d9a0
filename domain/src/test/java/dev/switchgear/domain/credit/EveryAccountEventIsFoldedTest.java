package dev.switchgear.domain.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.ApiKeyIssued;
import dev.switchgear.domain.credit.api.ApiKeyRevoked;
import dev.switchgear.domain.credit.api.RateLimitsSet;
import dev.switchgear.domain.credit.api.TierChanged;
import dev.switchgear.domain.credit.api.ByokPreferenceSet;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.credit.api.CreditsGranted;
import dev.switchgear.domain.credit.api.CreditsPurchased;
import dev.switchgear.domain.credit.api.CreditsRefunded;
import dev.switchgear.domain.credit.api.LowBalanceReached;
import dev.switchgear.domain.credit.api.LowBalanceThresholdSet;
import dev.switchgear.domain.credit.api.MonthlyCapSet;
import dev.switchgear.domain.credit.api.PaymentFailed;
import dev.switchgear.domain.credit.api.PowerLevelChosen;
import dev.switchgear.domain.credit.api.RefundPending;
import dev.switchgear.domain.credit.api.RequestFailed;
import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The fold over an account's history handles every kind of event its sealed type permits: a kind
 * added to {@link CreditAccountEvent} without a sample here fails the first test, and one the
 * position does not fold fails the second.
 */
class EveryAccountEventIsFoldedTest {

    private static final AccountId ACCOUNT = AccountId.of(UUID.randomUUID());
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final MicroCredits TEN = MicroCredits.of(10_000_000);

    private static final AccountOpened OPENED = new AccountOpened(ACCOUNT, "Acme", Tier.STARTER, T0);
    private static final List<CreditAccountEvent> ONE_OF_EACH = List.of(OPENED,
            new CreditsGranted(ACCOUNT, TEN, "welcome", TEN, T0),
            new UsageCharged(ACCOUNT, new RequestId("r1"), "m", "p", 10, 10, false, 1, 1, MicroCredits.of(1),
                    MicroCredits.of(1), MicroCredits.ZERO, MicroCredits.of(9_999_999), T0),
            new MonthlyCapSet(ACCOUNT, TEN, T0),
            new LowBalanceThresholdSet(ACCOUNT, MicroCredits.of(5), T0),
            new LowBalanceReached(ACCOUNT, MicroCredits.of(4), MicroCredits.of(5), T0),
            new CreditsPurchased(ACCOUNT, TEN, 1_000, "usd", "p10", "co_1", "pay_1", "ev_1", TEN.plus(TEN), T0),
            new RefundPending(ACCOUNT, "pay_2", "ch_2", 100, 1_000, "ev_2", T0),
            new CreditsRefunded(ACCOUNT, MicroCredits.of(1), "payment refunded", "pay_1", "ch_1", "ev_3", TEN, T0),
            new PaymentFailed(ACCOUNT, "pay_3", "declined", "ev_4", T0),
            new PowerLevelChosen(ACCOUNT, PowerLevel.ECO, T0),
            new ByokPreferenceSet(ACCOUNT, false, T0),
            new TierChanged(ACCOUNT, Tier.PROFESSIONAL, Tier.STARTER, T0),
            new RateLimitsSet(ACCOUNT, 42, 4_200L, T0),
            new ApiKeyIssued(ACCOUNT, "k1", "ci", "sg-abcd", "a".repeat(64), null, T0),
            new ApiKeyIssued(ACCOUNT, "k2", null, "sg-efgh", "b".repeat(64), null, T0),
            new ApiKeyRevoked(ACCOUNT, "k2", T0),
            new RequestFailed(ACCOUNT, new RequestId("r2"), "auto", "eco", false, "k1",
                    List.of(new RoutingTrace.Attempt("m", "p", false, "unavailable 503", 5)), "upstream_unavailable", T0));

    @Test
    void theSamplesCoverEveryPermittedKind() {
        Set<Class<?>> permitted = Arrays.stream(CreditAccountEvent.class.getPermittedSubclasses())
                .collect(Collectors.toSet());
        assertThat(ONE_OF_EACH.stream().map(Object::getClass).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(permitted);
    }

    @Test
    void thePositionFoldsEveryKind() {
        CreditPosition position = CreditPosition.replay(ONE_OF_EACH);
        assertThat(position.balance()).isEqualTo(TEN);
        assertThat(position.powerLevel()).isEqualTo(PowerLevel.ECO);
        assertThat(position.prefersByok()).isFalse();
        assertThat(position.monthlyCap()).contains(TEN);
        assertThat(position.chargedRecently("r1")).isTrue();
        assertThat(position.chargedRecently("r2")).as("a request that failed outright is not charged").isFalse();
        assertThat(position.tier()).isEqualTo(Tier.PROFESSIONAL);
        assertThat(position.requestsPerMinute()).contains(42);
        assertThat(position.tokensPerMinute()).contains(4_200L);
        assertThat(position.hasLiveApiKey("k1")).isTrue();
        assertThat(position.hasLiveApiKey("k2")).isFalse();
    }

    @Test
    void aFailureLeavesTheBalanceAsItWas() {
        CreditPosition before = CreditPosition.replay(ONE_OF_EACH.subList(0, ONE_OF_EACH.size() - 1));
        CreditPosition after = CreditPosition.replay(ONE_OF_EACH);
        assertThat(ONE_OF_EACH.get(ONE_OF_EACH.size() - 1)).isInstanceOf(RequestFailed.class);
        assertThat(after.balance()).isEqualTo(before.balance());
        assertThat(after.spentInMonthOf(T0)).isEqualTo(before.spentInMonthOf(T0));
    }

    @Test
    void anAccountIsOpenedOnce() {
        CreditPosition position = CreditPosition.opened(OPENED);
        assertThatThrownBy(() -> position.apply(OPENED)).isInstanceOf(IllegalStateException.class);
    }
}
