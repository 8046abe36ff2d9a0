package dev.switchgear.domain.keyring.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes an account's keys for one provider: the one with {@code label}, or all when it is null. */
public record RemoveProviderKeys(AccountId accountId, String provider, String label,
                                 Instant at) implements ProviderKeyringCommand {

    /** The keyring's stream is its own, apart from the account's credit stream. */
    @TargetAggregateIdentifier
    public String keyringId() {
        return KeyringIds.of(accountId);
    }
}
