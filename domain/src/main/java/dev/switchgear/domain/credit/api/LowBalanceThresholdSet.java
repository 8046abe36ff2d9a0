package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An account's low-balance threshold was set (null: the default, 10 % of the last purchase). */
@Revision("1")
public record LowBalanceThresholdSet(AccountId accountId, MicroCredits threshold, Instant at) implements CreditAccountEvent {
}
