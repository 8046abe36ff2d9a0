package dev.switchgear.application.service.credit;

import dev.switchgear.application.port.in.credit.AccountChanges;
import dev.switchgear.application.port.in.credit.AccountStanding;
import dev.switchgear.application.port.in.credit.AccountStandings;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.credit.PowerLevelUseCase;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.api.ChoosePowerLevel;
import dev.switchgear.domain.credit.api.SetByokPreference;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.PowerLevel;
import java.time.Clock;

/**
 * An account's own routing preferences — its power level and whether it prefers its own provider
 * keys — read from and changed on the account itself (ADR 0012), by the account or the admin.
 */
public class AccountPreferencesService implements PowerLevelUseCase {

    private final AccountStandings standings;
    private final AccountChanges changes;
    private final Clock clock;

    public AccountPreferencesService(AccountStandings standings, AccountChanges changes, Clock clock) {
        this.standings = standings;
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    public PowerLevel powerLevel(Caller caller, AccountId account) {
        return visible(caller, account).powerLevel();
    }

    @Override
    public void choosePowerLevel(Caller caller, AccountId account, PowerLevel level) {
        visible(caller, account);
        changes.execute(account, new ChoosePowerLevel(account, level, clock.instant()));
    }

    @Override
    public boolean prefersByok(Caller caller, AccountId account) {
        return visible(caller, account).prefersByok();
    }

    @Override
    public void setByokPreference(Caller caller, AccountId account, boolean preferByok) {
        visible(caller, account);
        changes.execute(account, new SetByokPreference(account, preferByok, clock.instant()));
    }

    private AccountStanding visible(Caller caller, AccountId account) {
        if (!caller.canSee(account)) {
            throw new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
        }
        return standings.standing(account)
                .orElseThrow(() -> new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found"));
    }
}
