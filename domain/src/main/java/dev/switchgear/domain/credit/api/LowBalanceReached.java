package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A charge took the balance below the account's low-balance threshold (once per crossing). */
@Revision("1")
public record LowBalanceReached(AccountId accountId, MicroCredits balance, MicroCredits threshold, Instant at) implements CreditAccountEvent {
}
