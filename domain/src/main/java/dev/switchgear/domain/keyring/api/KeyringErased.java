package dev.switchgear.domain.keyring.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A keyring was erased and its data key destroyed: the ciphertexts in earlier events can no longer
 * be opened. Keys added afterwards are sealed under a new data key.
 */
@Revision("1")
public record KeyringErased(AccountId accountId, int keysErased, Instant erasedAt) implements ProviderKeyringEvent {
}
