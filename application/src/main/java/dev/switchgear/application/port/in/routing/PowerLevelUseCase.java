package dev.switchgear.application.port.in.routing;

import dev.switchgear.application.port.in.identity.Caller;
import dev.switchgear.domain.credit.api.AccountId;
import dev.switchgear.domain.routing.api.PowerLevel;

/** An account's power level (its own key, or the administrator). */
public interface PowerLevelUseCase {

    PowerLevel powerLevel(Caller caller, AccountId account);

    void choosePowerLevel(Caller caller, AccountId account, PowerLevel level);
}
