package dev.switchgear.application.port.in.credit;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.PowerLevel;

/** An account's routing preferences: power level and BYOK preference (its own key, or the administrator). */
public interface PowerLevelUseCase {

    PowerLevel powerLevel(Caller caller, AccountId account);

    void choosePowerLevel(Caller caller, AccountId account, PowerLevel level);

    /** Whether the account's requests use its own provider keys when it has them (the default). */
    boolean prefersByok(Caller caller, AccountId account);

    void setByokPreference(Caller caller, AccountId account, boolean preferByok);
}
