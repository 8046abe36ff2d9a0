package dev.switchgear.domain.keyring.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Erases a keyring: every key is removed and the keyring's data key is destroyed (crypto-shredding),
 * so the ciphertexts left in the event store can never be opened again.
 */
public record EraseKeyring(AccountId accountId, Instant at) implements ProviderKeyringCommand {

    /** The keyring's stream is its own, apart from the account's credit stream. */
    @TargetAggregateIdentifier
    public String keyringId() {
        return KeyringIds.of(accountId);
    }
}
