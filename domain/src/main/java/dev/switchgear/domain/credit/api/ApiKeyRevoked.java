package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** One of an account's gateway API keys was revoked. */
@Revision("1")
public record ApiKeyRevoked(AccountId accountId, String keyId, Instant revokedAt) implements CreditAccountEvent {
}
