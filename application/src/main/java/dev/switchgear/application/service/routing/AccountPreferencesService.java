package dev.switchgear.application.service.routing;

import static dev.switchgear.application.service.routing.RoutingAccess.requireVisible;

import dev.switchgear.application.port.in.identity.Caller;
import dev.switchgear.application.port.in.routing.PowerLevelUseCase;
import dev.switchgear.domain.routing.api.ChoosePowerLevel;
import dev.switchgear.domain.routing.api.PowerLevel;
import dev.switchgear.domain.routing.api.SetByokPreference;
import dev.switchgear.domain.shared.AccountId;
import java.time.Clock;

/**
 * An account's routing preferences: its power level and whether its requests use its own provider
 * keys. Read by the account itself or the administrator; today folded into the platform's routing
 * policy (ADR 0010).
 */
public class AccountPreferencesService implements PowerLevelUseCase {

    private final CurrentCatalog catalog;
    private final Clock clock;

    public AccountPreferencesService(CurrentCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public PowerLevel powerLevel(Caller caller, AccountId account) {
        requireVisible(caller, account);
        return catalog.get().powerLevelOf(account);
    }

    @Override
    public void choosePowerLevel(Caller caller, AccountId account, PowerLevel level) {
        requireVisible(caller, account);
        catalog.change(new ChoosePowerLevel(account, level, clock.instant()));
    }

    @Override
    public boolean prefersByok(Caller caller, AccountId account) {
        requireVisible(caller, account);
        return catalog.get().prefersByok(account);
    }

    @Override
    public void setByokPreference(Caller caller, AccountId account, boolean preferByok) {
        requireVisible(caller, account);
        catalog.change(new SetByokPreference(account, preferByok, clock.instant()));
    }
}
