package dev.switchgear.application.service.credit;

import dev.switchgear.application.port.in.credit.AccountChanges;
import dev.switchgear.application.port.in.credit.AccountStandings;

import dev.switchgear.application.port.in.credit.AccountEvent;
import dev.switchgear.application.port.in.credit.AccountSummary;
import dev.switchgear.application.port.in.credit.ManageAccountsUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.out.credit.CreditAccountCommands;
import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.credit.api.GrantCredits;
import dev.switchgear.domain.credit.api.RefundCredits;
import dev.switchgear.domain.credit.api.SetLowBalanceThreshold;
import dev.switchgear.domain.credit.api.SetMonthlyCap;
import dev.switchgear.domain.credit.api.OpenAccount;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** Opens accounts, grants credits and answers for an account's balance and history. */
public class AccountService implements ManageAccountsUseCase {

    private final dev.switchgear.application.port.out.usage.UsageReadModel usage;

    private final AccountStandings accounts;
    private final AccountChanges changes;
    private final CreditAccountCommands commands;
    private final CreditAccountJournal journal;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public AccountService(AccountStandings accounts, AccountChanges changes, CreditAccountCommands commands, CreditAccountJournal journal,
                          Clock clock, Supplier<UUID> ids) {
        this(accounts, changes, commands, journal, clock, ids, null);
    }

    /** @param usage the usage read model, for the burn-rate outlook (null: no outlook) */
    public AccountService(AccountStandings accounts, AccountChanges changes, CreditAccountCommands commands, CreditAccountJournal journal,
                          Clock clock, Supplier<UUID> ids,
                          dev.switchgear.application.port.out.usage.UsageReadModel usage) {
        this.usage = usage;
        this.accounts = accounts;
        this.changes = changes;
        this.commands = commands;
        this.journal = journal;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public AccountId open(Caller caller, String name, Tier tier) {
        requireAdmin(caller);
        AccountId accountId = AccountId.of(ids.get());
        commands.send(new OpenAccount(accountId, name, tier, clock.instant()));
        return accountId;
    }

    @Override
    public MicroCredits grant(Caller caller, AccountId accountId, MicroCredits amount, String reason) {
        requireAdmin(caller);
        if (reason != null && reason.length() > 500) {
            throw new CreditException(CreditError.INVALID_AMOUNT, "a reason has at most 500 characters");
        }
        changes.execute(accountId, new GrantCredits(accountId, amount, reason == null ? "" : reason.strip(),
                clock.instant()));
        return summary(caller, accountId).balance();
    }

    @Override
    public AccountSummary summary(Caller caller, AccountId accountId) {
        if (!caller.canSee(accountId)) {
            throw notFound();
        }
        return accounts.summary(accountId).orElseThrow(AccountService::notFound);
    }

    @Override
    public List<AccountEvent> history(Caller caller, AccountId accountId) {
        return history(caller, accountId, 0, Integer.MAX_VALUE);
    }

    @Override
    public List<AccountEvent> history(Caller caller, AccountId accountId, long fromSequence, int limit) {
        if (!caller.canSee(accountId)) {
            throw notFound();
        }
        if (accounts.summary(accountId).isEmpty()) {
            throw notFound();
        }
        return journal.read(accountId, Math.max(0, fromSequence), Math.max(0, limit)).stream()
                .map(r -> new AccountEvent(r.sequence(), r.payload().getClass().getSimpleName(), r.timestamp(),
                        r.payload()))
                .toList();
    }

    @Override
    public long lastSequence(Caller caller, AccountId accountId) {
        if (!caller.canSee(accountId)) {
            throw notFound();
        }
        return accounts.lastSequence(accountId);
    }

    @Override
    public AccountSummary setMonthlyCap(Caller caller, AccountId accountId, java.util.Optional<MicroCredits> cap) {
        if (!caller.canSee(accountId)) {
            throw notFound();
        }
        changes.execute(accountId, new SetMonthlyCap(accountId, cap.orElse(null), clock.instant()));
        return summary(caller, accountId);
    }

    @Override
    public AccountSummary setLowBalanceThreshold(Caller caller, AccountId accountId,
                                                 java.util.Optional<MicroCredits> threshold) {
        if (!caller.canSee(accountId)) {
            throw notFound();
        }
        changes.execute(accountId, new SetLowBalanceThreshold(accountId, threshold.orElse(null), clock.instant()));
        return summary(caller, accountId);
    }

    @Override
    public CreditOutlook outlook(Caller caller, AccountId accountId) {
        AccountSummary summary = summary(caller, accountId);
        java.time.Instant now = clock.instant();
        MicroCredits week = usage == null ? MicroCredits.ZERO
                : usage.totals(accountId, now.minus(java.time.Duration.ofDays(7)), now.plusSeconds(1)).charged();
        MicroCredits daily = MicroCredits.of(week.value() / 7);
        java.util.Optional<java.math.BigDecimal> days = week.isPositive()
                ? java.util.Optional.of(java.math.BigDecimal.valueOf(Math.max(0, summary.available().value()) * 7L)
                .divide(java.math.BigDecimal.valueOf(week.value()), 1, java.math.RoundingMode.DOWN))
                : java.util.Optional.empty();
        return new CreditOutlook(week, daily, days);
    }

    @Override
    public MicroCredits refund(Caller caller, AccountId accountId, MicroCredits amount, String reason) {
        requireAdmin(caller);
        if (reason != null && reason.length() > 500) {
            throw new CreditException(CreditError.INVALID_AMOUNT, "a reason has at most 500 characters");
        }
        changes.execute(accountId, new RefundCredits(accountId, amount, reason == null ? "" : reason.strip(),
                clock.instant()));
        return summary(caller, accountId).balance();
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw new IdentityException(IdentityError.ADMIN_REQUIRED, "this call needs the admin key");
        }
    }

    private static CreditException notFound() {
        return new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
    }
}
