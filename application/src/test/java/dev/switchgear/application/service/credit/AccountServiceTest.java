package dev.switchgear.application.service.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.InMemoryCreditAccountCommands;
import dev.switchgear.application.fakes.InMemoryCreditAccountJournal;
import dev.switchgear.application.port.in.credit.AccountEvent;
import dev.switchgear.application.port.in.credit.AccountSummary;
import dev.switchgear.application.port.in.credit.ManageAccountsUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.Tier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Accounts as an administrator and their owners manage them, against the in-memory event streams. */
class AccountServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);

    private final InMemoryCreditAccountJournal journal = new InMemoryCreditAccountJournal();
    private final InMemoryCreditAccountCommands commands = new InMemoryCreditAccountCommands(journal);
    private final CreditLedger ledger = new CreditLedger(journal, commands, CLOCK, 16);
    private final AccountService service = new AccountService(ledger.standings(), ledger.changes(), commands, journal,
            CLOCK, UUID::randomUUID);
    private final Caller admin = Caller.administrator();

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void anAdministratorOpensAnAccountAndGrantsCredits() {
        AccountId account = service.open(admin, "Acme", Tier.STARTER);
        MicroCredits balance = service.grant(admin, account, MicroCredits.of(5_000_000), "  welcome  ");
        assertThat(balance).isEqualTo(MicroCredits.of(5_000_000));
        AccountSummary summary = service.summary(Caller.of(account), account);
        assertThat(summary.name()).isEqualTo("Acme");
        assertThat(summary.tier()).isEqualTo(Tier.STARTER);
        assertThat(summary.available()).isEqualTo(MicroCredits.of(5_000_000));
        List<AccountEvent> history = service.history(admin, account);
        assertThat(history).extracting(AccountEvent::type).containsExactly("AccountOpened", "CreditsGranted");
        assertThat(service.lastSequence(admin, account)).isEqualTo(1);
    }

    @Test
    void onlyTheAdministratorOpensGrantsAndRefunds() {
        AccountId account = service.open(admin, "Acme", Tier.FREE);
        Caller owner = Caller.of(account);
        assertThatThrownBy(() -> service.open(owner, "Other", Tier.FREE)).isInstanceOfSatisfying(
                IdentityException.class, e -> assertThat(e.code()).isEqualTo(IdentityError.ADMIN_REQUIRED));
        assertThatThrownBy(() -> service.grant(owner, account, MicroCredits.of(1), "self")).isInstanceOfSatisfying(
                IdentityException.class, e -> assertThat(e.code()).isEqualTo(IdentityError.ADMIN_REQUIRED));
        assertThatThrownBy(() -> service.refund(owner, account, MicroCredits.of(1), "self")).isInstanceOfSatisfying(
                IdentityException.class, e -> assertThat(e.code()).isEqualTo(IdentityError.ADMIN_REQUIRED));
        assertThat(journal.payloads(account)).hasSize(1);
    }

    @Test
    void anotherAccountIsNotFound() {
        AccountId mine = service.open(admin, "Mine", Tier.FREE);
        AccountId theirs = service.open(admin, "Theirs", Tier.FREE);
        Caller me = Caller.of(mine);
        for (Runnable call : List.<Runnable>of(
                () -> service.summary(me, theirs),
                () -> service.history(me, theirs, 0, 10),
                () -> service.lastSequence(me, theirs),
                () -> service.setMonthlyCap(me, theirs, Optional.of(MicroCredits.of(1))),
                () -> service.setLowBalanceThreshold(me, theirs, Optional.of(MicroCredits.of(1))),
                () -> service.outlook(me, theirs))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(CreditException.class,
                    e -> assertThat(e.code()).isEqualTo(CreditError.ACCOUNT_NOT_FOUND));
        }
        assertThatThrownBy(() -> service.history(admin, AccountId.of(UUID.randomUUID()), 0, 10))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.ACCOUNT_NOT_FOUND));
        assertThat(journal.payloads(theirs)).hasSize(1);
    }

    @Test
    void theOwnerSetsAndRemovesItsCapAndThreshold() {
        AccountId account = service.open(admin, "Acme", Tier.PROFESSIONAL);
        Caller owner = Caller.of(account);
        assertThat(service.setMonthlyCap(owner, account, Optional.of(MicroCredits.of(75_000_000))).monthlyCap())
                .contains(MicroCredits.of(75_000_000));
        assertThat(service.setLowBalanceThreshold(owner, account, Optional.of(MicroCredits.of(5_000_000)))
                .lowBalanceThreshold()).isEqualTo(MicroCredits.of(5_000_000));
        assertThat(service.setMonthlyCap(owner, account, Optional.empty()).monthlyCap()).isEmpty();
        assertThat(service.setLowBalanceThreshold(owner, account, Optional.empty()).lowBalanceThreshold())
                .isEqualTo(MicroCredits.ZERO);
    }

    @Test
    void aRefundTakesCreditsBackAndAReasonHasABoundedLength() {
        AccountId account = service.open(admin, "Acme", Tier.FREE);
        service.grant(admin, account, MicroCredits.of(10_000_000), null);
        assertThat(service.refund(admin, account, MicroCredits.of(4_000_000), "correction"))
                .isEqualTo(MicroCredits.of(6_000_000));
        String tooLong = "x".repeat(501);
        assertThatThrownBy(() -> service.grant(admin, account, MicroCredits.of(1), tooLong))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.INVALID_AMOUNT));
        assertThatThrownBy(() -> service.refund(admin, account, MicroCredits.of(1), tooLong))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.INVALID_AMOUNT));
        assertThat(service.summary(admin, account).balance()).isEqualTo(MicroCredits.of(6_000_000));
    }

    @Test
    void withoutAUsageReadModelTheOutlookHasNoBurnRate() {
        AccountId account = service.open(admin, "Acme", Tier.FREE);
        ManageAccountsUseCase.CreditOutlook outlook = service.outlook(admin, account);
        assertThat(outlook.last7Days()).isEqualTo(MicroCredits.ZERO);
        assertThat(outlook.daysLeft()).isEmpty();
    }
}
