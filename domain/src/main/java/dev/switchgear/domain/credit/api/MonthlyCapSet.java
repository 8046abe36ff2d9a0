package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An account's monthly spending cap was set (null: removed). */
@Revision("1")
public record MonthlyCapSet(AccountId accountId, MicroCredits cap, Instant at) implements CreditAccountEvent {
}
