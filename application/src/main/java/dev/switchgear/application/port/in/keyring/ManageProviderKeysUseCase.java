package dev.switchgear.application.port.in.keyring;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.shared.AccountId;
import java.util.List;
import java.util.Optional;

/**
 * BYOK: an account manages its own provider keys. Every call acts on the caller's own keyring; an
 * account key can never reach another account's keys. The administrator may erase any keyring.
 */
public interface ManageProviderKeysUseCase {

    /** The providers a key can be stored for, with their key formats. */
    List<ByokProvider> providers();

    /** The caller's keys, masked, with their last test. */
    List<ProviderKeyView> keys(Caller caller);

    /** Checks the key's format (and a custom endpoint), seals it and stores it; returns the stored key. */
    ProviderKeyView add(Caller caller, NewProviderKey key);

    /** Removes the caller's keys for a provider: the one with the label, or all. Returns how many. */
    int remove(Caller caller, String provider, Optional<String> label);

    /**
     * Tests a key live against the provider. With {@code unsavedKey} the key is only tested, not
     * stored; without it the caller's stored keys for the provider (or the labelled one) are tested
     * and each result recorded.
     */
    List<KeyTestResult> test(Caller caller, String provider, Optional<String> label, Optional<String> unsavedKey);

    /** Key counts and the caller's BYOK usage. */
    ByokStats stats(Caller caller);

    /** Erases a keyring and destroys its data key (crypto-shredding). Returns how many keys went. */
    int erase(Caller caller, AccountId account);
}
