package dev.switchgear.application.port.out.keyring;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.keyring.api.ProviderKeyId;

/**
 * Envelope encryption of provider keys (ADR 0009). Each account's keyring has its own data keyset
 * (one AES-256-GCM key per stored provider key), kept only wrapped by the master keyset; a ciphertext is bound to (account, provider, key id), so
 * it cannot be opened under another account, provider or key id.
 */
public interface KeyVault {

    /** Encrypts a key under the account's data key, creating that data key on first use. */
    byte[] seal(AccountId account, String provider, ProviderKeyId keyId, String plaintext);

    /**
     * Decrypts a sealed key. Fails with {@link KeyUnavailableException} when the keyring's data
     * key was destroyed, or the ciphertext was not sealed for exactly this account, provider and id.
     */
    String open(AccountId account, String provider, ProviderKeyId keyId, byte[] ciphertext);

    /**
     * Destroys the key that sealed one ciphertext (a removed or replaced provider key), so that
     * ciphertext can never be opened again; the keyring's other keys are untouched.
     */
    void forget(AccountId account, byte[] ciphertext);

    /** Destroys the account's data key (crypto-shredding); its ciphertexts can never be opened again. */
    void shred(AccountId account);

    /** Adds a new master key version, rewraps every data key under it, and retires the old versions. */
    MasterKeyRotation rotateMasterKey();

    /** The master keyset's versions and how many data keys each wraps. */
    MasterKeyStatus masterKeyStatus();
}
