package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A credit account was opened. */
@Revision("1")
public record AccountOpened(AccountId accountId, String name, Tier tier, Instant openedAt) implements CreditAccountEvent {
}
