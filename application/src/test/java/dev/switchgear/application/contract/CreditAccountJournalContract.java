package dev.switchgear.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.application.port.out.credit.CreditAccountJournal.Entry;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.CreditsGranted;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CreditAccountJournal} must do; run against the in-memory fake and against the
 * Axon/PostgreSQL adapter.
 */
public abstract class CreditAccountJournalContract {

    protected static final Instant T0 = Instant.parse("2026-05-01T10:15:30.123Z");

    protected abstract CreditAccountJournal journal();

    protected static AccountOpened opened(AccountId id) {
        return new AccountOpened(id, "team " + id.value().substring(0, 4), Tier.PROFESSIONAL, T0);
    }

    protected static UsageCharged charged(AccountId id, String requestId, long balanceAfter) {
        return new UsageCharged(id, new RequestId(requestId), "sim-echo", "simulator", 10, 20, false, 150_000, 600_000,
                MicroCredits.of(13_500), MicroCredits.of(13_500), MicroCredits.ZERO, MicroCredits.of(balanceAfter),
                T0.plus(1, ChronoUnit.SECONDS));
    }

    @Test
    void appendsOneBatchAcrossAccountsAndReadsEachStreamBackInOrder() {
        AccountId a = AccountId.of(UUID.randomUUID());
        AccountId b = AccountId.of(UUID.randomUUID());
        CreditsGranted grant = new CreditsGranted(a, MicroCredits.of(1_000_000), "seed", MicroCredits.of(1_000_000), T0);
        journal().append(List.of(new Entry(a, 0, opened(a), T0), new Entry(b, 0, opened(b), T0),
                new Entry(a, 1, grant, T0), new Entry(a, 2, charged(a, "r1", 986_500), T0.plusSeconds(1))));

        List<CreditAccountJournal.Recorded> streamA = journal().read(a, 0);
        assertThat(streamA).extracting(CreditAccountJournal.Recorded::sequence).containsExactly(0L, 1L, 2L);
        assertThat(streamA).extracting(CreditAccountJournal.Recorded::payload)
                .containsExactly(opened(a), grant, charged(a, "r1", 986_500));
        assertThat(streamA.get(2).timestamp()).isEqualTo(T0.plusSeconds(1));
        assertThat(journal().read(b, 0)).extracting(CreditAccountJournal.Recorded::payload).containsExactly(opened(b));
        assertThat(journal().read(a, 2)).extracting(CreditAccountJournal.Recorded::sequence).containsExactly(2L);
    }

    @Test
    void aBatchWithATakenSequenceNumberIsRefusedWhole() {
        AccountId a = AccountId.of(UUID.randomUUID());
        AccountId b = AccountId.of(UUID.randomUUID());
        journal().append(List.of(new Entry(a, 0, opened(a), T0)));

        assertThatThrownBy(() -> journal().append(List.of(new Entry(b, 0, opened(b), T0),
                new Entry(a, 0, opened(a), T0))))
                .isInstanceOf(CreditAccountJournal.Conflict.class);

        assertThat(journal().read(b, 0)).isEmpty();
        assertThat(journal().read(a, 0)).hasSize(1);
    }

    @Test
    void aStoredChargeIsFoundByItsAccountAndRequestIdAndOnlyThen() {
        AccountId a = AccountId.of(UUID.randomUUID());
        AccountId b = AccountId.of(UUID.randomUUID());
        journal().append(List.of(new Entry(a, 0, opened(a), T0), new Entry(b, 0, opened(b), T0)));
        assertThat(journal().hasCharge(a, new RequestId("r1"))).isFalse();

        journal().append(List.of(new Entry(a, 1, charged(a, "r1", 5_000), T0)));

        assertThat(journal().hasCharge(a, new RequestId("r1"))).isTrue();
        assertThat(journal().hasCharge(a, new RequestId("r2"))).isFalse();
        assertThat(journal().hasCharge(b, new RequestId("r1"))).as("another account's id").isFalse();
    }

    @Test
    void aBatchThatWouldChargeAnIdTwiceIsRefusedWhole() {
        AccountId a = AccountId.of(UUID.randomUUID());
        AccountId b = AccountId.of(UUID.randomUUID());
        journal().append(List.of(new Entry(a, 0, opened(a), T0), new Entry(a, 1, charged(a, "r1", 5_000), T0)));

        assertThatThrownBy(() -> journal().append(List.of(new Entry(b, 0, opened(b), T0),
                new Entry(a, 2, charged(a, "r1", 4_000), T0))))
                .isInstanceOf(CreditAccountJournal.Conflict.class);
        assertThatThrownBy(() -> journal().append(List.of(new Entry(b, 0, opened(b), T0),
                new Entry(b, 1, charged(b, "twice", 5_000), T0), new Entry(b, 2, charged(b, "twice", 4_000), T0))))
                .isInstanceOf(CreditAccountJournal.Conflict.class);

        assertThat(journal().read(a, 0)).hasSize(2);
        assertThat(journal().read(b, 0)).isEmpty();
        assertThat(journal().hasCharge(b, new RequestId("twice"))).isFalse();
    }

    @Test
    void anUnknownAccountHasAnEmptyStream() {
        assertThat(journal().read(AccountId.of(UUID.randomUUID()), 0)).isEmpty();
    }
}
