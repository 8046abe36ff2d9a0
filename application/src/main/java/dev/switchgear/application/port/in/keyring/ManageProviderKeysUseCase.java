package dev.switchgear.application.port.in.keyring;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.application.port.in.shared.Caller;
import java.util.List;
import java.util.Optional;

/**
 * BYOK: an account stores and removes its own provider keys. Every call acts on the caller's own
 * keyring; an account key can never reach another account's keys.
 */
public interface ManageProviderKeysUseCase {

    /** The caller's keys, masked, with their last test. */
    List<ProviderKeyView> keys(Caller caller);

    /** Checks the key's format (and a custom endpoint), seals it and stores it; returns the stored key. */
    ProviderKeyView add(Caller caller, NewProviderKey key);

    /** Removes the caller's keys for a provider: the one with the label, or all. Returns how many. */
    int remove(Caller caller, String provider, Optional<String> label);
}
