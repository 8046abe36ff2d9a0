package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.PowerLevel;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An account chose its power level. Part of the account's own stream; before ADR 0012 it was written
 * to the platform's routing-policy stream as {@code routing.api.PowerLevelChosen}, which an upcaster
 * reads as this and the routing policy hands over to the account once.
 */
@Revision("1")
public record PowerLevelChosen(AccountId accountId, PowerLevel level, Instant at) implements CreditAccountEvent {
}
