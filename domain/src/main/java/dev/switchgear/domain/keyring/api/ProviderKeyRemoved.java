package dev.switchgear.domain.keyring.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A provider key was removed from its keyring. */
@Revision("1")
public record ProviderKeyRemoved(AccountId accountId, ProviderKeyId keyId, String provider, String label,
                                 Instant removedAt) implements ProviderKeyringEvent {
}
