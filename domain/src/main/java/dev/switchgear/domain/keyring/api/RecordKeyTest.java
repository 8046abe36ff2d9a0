package dev.switchgear.domain.keyring.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records the outcome of a live test of a stored key against its provider's own API. */
public record RecordKeyTest(AccountId accountId, ProviderKeyId keyId, KeyTestStatus status,
                            long latencyMillis, String detail, Instant at) implements ProviderKeyringCommand {

    /** The keyring's stream is its own, apart from the account's credit stream. */
    @TargetAggregateIdentifier
    public String keyringId() {
        return KeyringIds.of(accountId);
    }
}
