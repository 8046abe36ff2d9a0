package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.PowerLevel;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Hands over to an account the preferences it chose while they were kept in the platform's routing
 * policy (before ADR 0012): the last power level ({@code null}: none chosen) chosen at
 * {@code levelChosenAt}, and the last BYOK preference ({@code null}: none set) set at
 * {@code byokSetAt}. Each is adopted only if the account has not chosen one of its own since, so
 * handing over again changes nothing.
 */
public record AdoptLegacyPreferences(@TargetAggregateIdentifier AccountId accountId, PowerLevel level,
                                     Instant levelChosenAt, Boolean preferByok, Instant byokSetAt)
        implements CreditAccountCommand {
}
