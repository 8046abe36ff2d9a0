package dev.switchgear.domain.keyring.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A stored key was replaced by a new one (same provider, and same label above Starter): the key
 * {@code replacedKeyId} is gone and {@code keyId} holds the new key, sealed under its own data key.
 */
@Revision("1")
public record ProviderKeyReplaced(AccountId accountId, ProviderKeyId replacedKeyId, ProviderKeyId keyId,
                                  String provider, String label, SealedKey key, String baseUrl,
                                  Instant replacedAt) implements ProviderKeyringEvent {
}
