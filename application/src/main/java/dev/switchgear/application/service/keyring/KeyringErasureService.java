package dev.switchgear.application.service.keyring;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.keyring.EraseKeyringUseCase;
import dev.switchgear.application.port.out.keyring.KeyVault;
import dev.switchgear.application.port.out.keyring.ProviderKeyReadModel;
import dev.switchgear.application.port.out.keyring.ProviderKeyringCommands;
import dev.switchgear.domain.keyring.KeyringError;
import dev.switchgear.domain.keyring.KeyringException;
import dev.switchgear.domain.keyring.api.EraseKeyring;
import dev.switchgear.domain.shared.AccountId;
import java.time.Clock;

/**
 * Erasing a keyring by crypto-shredding: the keyring aggregate records the erasure and the vault
 * destroys the keyring's data key, so the ciphertexts kept in the events can never be opened again.
 */
public class KeyringErasureService implements EraseKeyringUseCase {

    private final KeyVault vault;
    private final ProviderKeyringCommands commands;
    private final ProviderKeyReadModel readModel;
    private final ByokKeys keys;
    private final Clock clock;

    public KeyringErasureService(KeyVault vault, ProviderKeyringCommands commands, ProviderKeyReadModel readModel,
                                 ByokKeys keys, Clock clock) {
        this.vault = vault;
        this.commands = commands;
        this.readModel = readModel;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public int erase(Caller caller, AccountId account) {
        if (!caller.canSee(account)) {
            throw new KeyringException(KeyringError.KEY_NOT_FOUND, "no such keyring");
        }
        int held = readModel.keysOf(account).size();
        try {
            commands.send(new EraseKeyring(account, clock.instant()));
        } catch (KeyringException notFound) {
            if (notFound.code() != KeyringError.KEY_NOT_FOUND) {
                throw notFound;
            }
        } finally {
            vault.shred(account);
            keys.invalidate(account);
        }
        return held;
    }
}
