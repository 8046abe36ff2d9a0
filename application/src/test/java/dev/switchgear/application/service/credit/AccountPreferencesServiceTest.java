package dev.switchgear.application.service.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.InMemoryCreditAccountCommands;
import dev.switchgear.application.fakes.InMemoryCreditAccountJournal;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.api.ByokPreferenceSet;
import dev.switchgear.domain.credit.api.OpenAccount;
import dev.switchgear.domain.credit.api.PowerLevelChosen;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.shared.Tier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An account's power level and BYOK preference are its own: read and changed on its stream. */
class AccountPreferencesServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);

    private final InMemoryCreditAccountJournal journal = new InMemoryCreditAccountJournal();
    private final InMemoryCreditAccountCommands commands = new InMemoryCreditAccountCommands(journal);
    private final CreditLedger ledger = new CreditLedger(journal, commands, CLOCK, 16);
    private final AccountPreferencesService preferences = new AccountPreferencesService(ledger.standings(),
            ledger.changes(), CLOCK);

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
    void aNewAccountIsBalancedAndPrefersItsOwnKeys() {
        AccountId account = open();
        assertThat(preferences.powerLevel(Caller.of(account), account)).isEqualTo(PowerLevel.BALANCED);
        assertThat(preferences.prefersByok(Caller.of(account), account)).isTrue();
    }

    @Test
    void theOwnerChangesItsPreferencesOnItsOwnStream() {
        AccountId account = open();
        preferences.choosePowerLevel(Caller.of(account), account, PowerLevel.ECO);
        preferences.setByokPreference(Caller.of(account), account, false);
        assertThat(preferences.powerLevel(Caller.administrator(), account)).isEqualTo(PowerLevel.ECO);
        assertThat(preferences.prefersByok(Caller.administrator(), account)).isFalse();
        assertThat(journal.payloads(account)).endsWith(new PowerLevelChosen(account, PowerLevel.ECO, CLOCK.instant()),
                new ByokPreferenceSet(account, false, CLOCK.instant()));
        // the request path reads the same standing, in memory
        assertThat(ledger.standings().standing(account).orElseThrow().powerLevel()).isEqualTo(PowerLevel.ECO);
    }

    @Test
    void anotherAccountsPreferencesAreNotFoundAndNotChanged() {
        AccountId mine = open();
        AccountId theirs = open();
        Caller me = Caller.of(mine);
        for (Runnable call : java.util.List.<Runnable>of(
                () -> preferences.powerLevel(me, theirs),
                () -> preferences.choosePowerLevel(me, theirs, PowerLevel.PRECISION),
                () -> preferences.prefersByok(me, theirs),
                () -> preferences.setByokPreference(me, theirs, false),
                () -> preferences.powerLevel(Caller.administrator(), AccountId.of(UUID.randomUUID())))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(CreditException.class,
                    e -> assertThat(e.code()).isEqualTo(CreditError.ACCOUNT_NOT_FOUND));
        }
        assertThat(journal.payloads(theirs)).hasSize(1);
    }

    @Test
    void aMissingPowerLevelIsRefusedAndChangesNothing() {
        AccountId account = open();
        assertThatThrownBy(() -> preferences.choosePowerLevel(Caller.of(account), account, null))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.INVALID_PREFERENCE));
        assertThat(journal.payloads(account)).hasSize(1);
    }
}
