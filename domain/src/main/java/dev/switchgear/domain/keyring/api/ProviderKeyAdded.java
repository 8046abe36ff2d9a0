package dev.switchgear.domain.keyring.api;

import dev.switchgear.domain.credit.api.AccountId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A provider key was added; {@code replacedKeyId} names the key it replaces, or is null. */
@Revision("1")
public record ProviderKeyAdded(AccountId accountId, ProviderKeyId keyId, String provider, String label,
                               SealedKey key, String baseUrl, ProviderKeyId replacedKeyId, Instant addedAt) {
}
