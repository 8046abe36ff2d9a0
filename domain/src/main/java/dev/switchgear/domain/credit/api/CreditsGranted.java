package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Credits were added to an account by an administrator. */
@Revision("1")
public record CreditsGranted(AccountId accountId, MicroCredits amount, String reason, MicroCredits balanceAfter,
                             Instant grantedAt) implements CreditAccountEvent {
}
