package dev.switchgear.domain.keyring.api;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.Tier;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds a provider key to an account's keyring, or replaces the key stored under the same provider
 * and label (for Starter, under the same provider). {@code tier} is the account's tier when the
 * command was sent; it decides how many keys the keyring may hold. {@code baseUrl} is set only for
 * a custom OpenAI-compatible endpoint and was checked by the egress guard before this command.
 */
public record AddProviderKey(AccountId accountId, ProviderKeyId keyId, String provider,
                             String label, SealedKey key, String baseUrl, Tier tier, Instant at) implements ProviderKeyringCommand {

    /** The keyring's stream is its own, apart from the account's credit stream. */
    @TargetAggregateIdentifier
    public String keyringId() {
        return KeyringIds.of(accountId);
    }
}
