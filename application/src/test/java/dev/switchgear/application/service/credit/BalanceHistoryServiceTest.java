package dev.switchgear.application.service.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.InMemoryCreditAccountJournal;
import dev.switchgear.application.port.in.credit.BalanceHistoryUseCase.BalanceAt;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.credit.CreditAccountJournal.Entry;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.credit.api.CreditsGranted;
import dev.switchgear.domain.credit.api.CreditsRefunded;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Balances as of instants before, on, between and after an account's events, computed by hand. */
class BalanceHistoryServiceTest {

    static final AccountId ID = new AccountId("00000000-0000-0000-0000-0000000000aa");
    static final Instant OPENED = Instant.parse("2026-12-01T09:00:00Z");
    static final Instant GRANTED = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant CHARGED = Instant.parse("2026-12-01T11:00:00Z");
    static final Instant REFUNDED = Instant.parse("2026-12-01T12:00:00Z");
    final InMemoryCreditAccountJournal journal = new InMemoryCreditAccountJournal();
    final BalanceHistoryService service = new BalanceHistoryService(journal);

    BalanceHistoryServiceTest() {
        append(new AccountOpened(ID, "Acme", Tier.STARTER, OPENED), OPENED);
        // 10 credits, a charge of 1.5, then 3 taken back: 10 → 8.5 → 5.5.
        append(new CreditsGranted(ID, MicroCredits.of(10_000_000), "welcome", MicroCredits.of(10_000_000), GRANTED),
                GRANTED);
        append(new UsageCharged(ID, new RequestId("r1"), "sim-echo", "simulator", 100, 200, false, 1_000, 2_000,
                MicroCredits.of(1_500_000), MicroCredits.of(1_500_000), MicroCredits.ZERO,
                MicroCredits.of(8_500_000), CHARGED), CHARGED);
        append(new CreditsRefunded(ID, MicroCredits.of(3_000_000), "goodwill reversed", null, null, null,
                MicroCredits.of(5_500_000), REFUNDED), REFUNDED);
    }

    @Test
    void beforeTheAccountOpenedThereIsNothing() {
        BalanceAt before = service.balanceAt(Caller.administrator(), ID, OPENED.minusMillis(1));
        assertThat(before.balance()).isEqualTo(MicroCredits.ZERO);
        assertThat(before.eventsCounted()).isZero();
        assertThat(before.lastEvent()).isEmpty();
    }

    @Test
    void anEventStoredAtTheInstantIsCounted() {
        BalanceAt atGrant = service.balanceAt(Caller.administrator(), ID, GRANTED);
        assertThat(atGrant.balance()).isEqualTo(MicroCredits.of(10_000_000));
        assertThat(atGrant.eventsCounted()).isEqualTo(2);
        assertThat(atGrant.lastEvent()).hasValueSatisfying(e -> {
            assertThat(e.sequence()).isEqualTo(1);
            assertThat(e.type()).isEqualTo("CreditsGranted");
        });
    }

    @Test
    void betweenAndAfterTheChargesTheFoldIsTheHandComputedBalance() {
        assertThat(service.balanceAt(Caller.administrator(), ID, CHARGED.minusSeconds(1)).balance())
                .isEqualTo(MicroCredits.of(10_000_000));
        assertThat(service.balanceAt(Caller.administrator(), ID, CHARGED.plusSeconds(1)).balance())
                .isEqualTo(MicroCredits.of(8_500_000));
        BalanceAt after = service.balanceAt(Caller.of(ID), ID, REFUNDED.plusSeconds(3_600));
        assertThat(after.balance()).isEqualTo(MicroCredits.of(5_500_000));
        assertThat(after.eventsCounted()).isEqualTo(4);
    }

    @Test
    void anotherAccountOrAnUnknownOneIsNotFound() {
        Caller other = Caller.of(new AccountId("00000000-0000-0000-0000-0000000000bb"));
        assertThatThrownBy(() -> service.balanceAt(other, ID, REFUNDED)).isInstanceOf(CreditException.class);
        assertThatThrownBy(() -> service.balanceAt(Caller.administrator(),
                new AccountId("00000000-0000-0000-0000-0000000000cc"), REFUNDED)).isInstanceOf(CreditException.class);
    }

    private void append(CreditAccountEvent event, Instant at) {
        journal.append(List.of(new Entry(ID, journal.read(ID, 0).size(), event, at)));
    }
}
