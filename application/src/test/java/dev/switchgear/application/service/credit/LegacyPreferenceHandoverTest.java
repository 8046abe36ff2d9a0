package dev.switchgear.application.service.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.InMemoryCreditAccountCommands;
import dev.switchgear.application.fakes.InMemoryCreditAccountJournal;
import dev.switchgear.domain.credit.api.ByokPreferenceSet;
import dev.switchgear.domain.credit.api.ChoosePowerLevel;
import dev.switchgear.domain.credit.api.CreditsGranted;
import dev.switchgear.domain.credit.api.OpenAccount;
import dev.switchgear.domain.credit.api.PowerLevelChosen;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.shared.Tier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Preferences kept in the routing policy before ADR 0012 reach their accounts once, and never override a newer choice. */
class LegacyPreferenceHandoverTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-02-01T00:00:00Z");

    private final InMemoryCreditAccountJournal journal = new InMemoryCreditAccountJournal();
    private final InMemoryCreditAccountCommands commands = new InMemoryCreditAccountCommands(journal);
    private final CreditLedger ledger = new CreditLedger(journal, commands, CLOCK, 16);
    private final LegacyPreferenceHandover handover = new LegacyPreferenceHandover(ledger.standings(), ledger.changes());

    @AfterEach
    void close() {
        ledger.close();
    }

    private AccountId open() {
        AccountId account = AccountId.of(UUID.randomUUID());
        commands.send(new OpenAccount(account, "Acme", Tier.STARTER, CLOCK.instant()));
        return account;
    }

    @Test
    void eachAccountAdoptsItsLastLegacyChoicesOnce() {
        AccountId a = open();
        AccountId b = open();
        List<dev.switchgear.domain.credit.api.CreditAccountEvent> legacy = List.of(
                new PowerLevelChosen(a, PowerLevel.ECO, T1), new PowerLevelChosen(a, PowerLevel.PRECISION, T2),
                new ByokPreferenceSet(b, false, T1));
        assertThat(handover.handOver(legacy)).isEqualTo(2);
        assertThat(ledger.standings().standing(a).orElseThrow().powerLevel()).isEqualTo(PowerLevel.PRECISION);
        assertThat(ledger.standings().standing(a).orElseThrow().prefersByok()).isTrue();
        assertThat(ledger.standings().standing(b).orElseThrow().prefersByok()).isFalse();
        assertThat(ledger.standings().standing(b).orElseThrow().powerLevel()).isEqualTo(PowerLevel.BALANCED);
        assertThat(journal.payloads(a)).endsWith(new PowerLevelChosen(a, PowerLevel.PRECISION, T2));
        int eventsOfA = journal.payloads(a).size();
        int eventsOfB = journal.payloads(b).size();

        assertThat(handover.handOver(legacy)).isEqualTo(2);
        assertThat(journal.payloads(a)).hasSize(eventsOfA);
        assertThat(journal.payloads(b)).hasSize(eventsOfB);
    }

    @Test
    void aChoiceMadeSinceIsKept() {
        AccountId account = open();
        ledger.changes().execute(account, new ChoosePowerLevel(account, PowerLevel.ECO, CLOCK.instant()));
        handover.handOver(List.of(new PowerLevelChosen(account, PowerLevel.PRECISION, T1)));
        assertThat(ledger.standings().standing(account).orElseThrow().powerLevel()).isEqualTo(PowerLevel.ECO);
    }

    @Test
    void anUnknownAccountIsSkippedAndAnythingElseIsRefused() {
        AccountId gone = AccountId.of(UUID.randomUUID());
        assertThat(handover.handOver(List.of(new PowerLevelChosen(gone, PowerLevel.ECO, T1)))).isZero();
        AccountId account = open();
        assertThatThrownBy(() -> handover.handOver(List.of(
                new CreditsGranted(account, MicroCredits.of(1), "not a preference", MicroCredits.of(1), T1))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
