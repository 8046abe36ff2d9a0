package dev.switchgear.application.service.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.InMemoryCreditAccountCommands;
import dev.switchgear.application.fakes.InMemoryCreditAccountJournal;
import dev.switchgear.application.port.in.limit.RateLimitsUseCase.EffectiveRateLimits;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.out.limit.RateLimiter;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.api.OpenAccount;
import dev.switchgear.domain.credit.api.RateLimitsSet;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.Tier;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimitsServiceTest {

    private final Clock clock = Clock.systemUTC();
    private final InMemoryCreditAccountJournal journal = new InMemoryCreditAccountJournal();
    private final InMemoryCreditAccountCommands commands = new InMemoryCreditAccountCommands(journal);
    private final CreditLedger ledger = new CreditLedger(journal, commands, clock, 100);
    private final RateLimitsService service = new RateLimitsService(ledger.standings(), ledger.changes(),
            TierRateLimits.DEFAULTS, clock);
    private AccountId account;

    @BeforeEach
    void open() {
        account = AccountId.of(UUID.randomUUID());
        commands.send(new OpenAccount(account, "t", Tier.STARTER, clock.instant()));
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void anAccountIsOnItsTiersLimitsUntilTheAdministratorOverridesThem() {
        EffectiveRateLimits initial = service.effective(Caller.of(account), account);
        assertThat(initial.requestsPerMinute()).isEqualTo(100);
        assertThat(initial.tokensPerMinute()).isEqualTo(100_000);
        assertThat(initial.requestsOverride()).isEmpty();

        EffectiveRateLimits overridden = service.override(Caller.administrator(), account, Optional.of(7),
                Optional.empty());
        assertThat(overridden.requestsPerMinute()).isEqualTo(7);
        assertThat(overridden.tokensPerMinute()).isEqualTo(100_000);
        assertThat(overridden.tierRequestsPerMinute()).isEqualTo(100);
        assertThat(overridden.requestsOverride()).hasValue(7);
        assertThat(journal.payloads(account)).last().isInstanceOf(RateLimitsSet.class);
        assertThat(ledger.standings().standing(account).orElseThrow().requestsPerMinute()).hasValue(7);

        assertThat(service.override(Caller.administrator(), account, Optional.empty(), Optional.of(5L))
                .requestsPerMinute()).isEqualTo(100);
    }

    @Test
    void onlyTheAdministratorOverridesAndOnlyWithinRange() {
        assertThatThrownBy(() -> service.override(Caller.of(account), account, Optional.of(1_000), Optional.empty()))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(IdentityError.ADMIN_REQUIRED));
        assertThatThrownBy(() -> service.override(Caller.administrator(), account, Optional.of(0), Optional.empty()))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.INVALID_LIMIT));
        assertThat(service.effective(Caller.administrator(), account).requestsOverride()).isEmpty();
    }

    @Test
    void anotherAccountsLimitsAreNotFound() {
        AccountId other = AccountId.of(UUID.randomUUID());
        assertThatThrownBy(() -> service.effective(Caller.of(other), account))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.ACCOUNT_NOT_FOUND));
        assertThatThrownBy(() -> service.override(Caller.administrator(), other, Optional.of(5), Optional.empty()))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.ACCOUNT_NOT_FOUND));
    }

    @Test
    void everyTierNeedsLimits() {
        assertThatThrownBy(() -> new TierRateLimits(Map.of(Tier.FREE, new RateLimiter.Limits(1, 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
