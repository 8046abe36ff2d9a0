package dev.switchgear.domain.keyring.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A provider key was added to the keyring: sealed (never plaintext), with its fingerprint and masked
 * preview; {@code baseUrl} only for a custom endpoint.
 */
@Revision("1")
public record ProviderKeyAdded(AccountId accountId, ProviderKeyId keyId, String provider, String label,
                               SealedKey key, String baseUrl, Instant addedAt) implements ProviderKeyringEvent {
}
