package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.Tier;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An account moved from one subscription tier to another. */
@Revision("1")
public record TierChanged(AccountId accountId, Tier tier, Tier previousTier, Instant at) implements CreditAccountEvent {
}
