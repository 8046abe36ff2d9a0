package dev.switchgear.application.service.keyring;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.keyring.KeyTestResult;
import dev.switchgear.application.port.in.keyring.TestProviderKeysUseCase;
import dev.switchgear.application.port.out.keyring.KeyUnavailableException;
import dev.switchgear.application.port.out.keyring.KeyVault;
import dev.switchgear.application.port.out.keyring.ProviderKeyReadModel;
import dev.switchgear.application.port.out.keyring.ProviderKeyVerifier;
import dev.switchgear.application.port.out.keyring.ProviderKeyringCommands;
import dev.switchgear.application.port.out.keyring.StoredProviderKey;
import dev.switchgear.domain.keyring.KeyringError;
import dev.switchgear.domain.keyring.KeyringException;
import dev.switchgear.domain.keyring.api.RecordKeyTest;
import dev.switchgear.domain.shared.AccountId;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Live tests of a caller's provider keys: an unsaved key is only checked; stored keys are opened
 * from the vault for the test (a shredded one is skipped) and each result recorded on the keyring.
 */
public class ProviderKeyTestService implements TestProviderKeysUseCase {

    private final ByokProvidersService providers;
    private final KeyVault vault;
    private final ProviderKeyringCommands commands;
    private final ProviderKeyReadModel readModel;
    private final ProviderKeyVerifier verifier;
    private final ByokKeys keys;
    private final Clock clock;

    public ProviderKeyTestService(ByokProvidersService providers, KeyVault vault, ProviderKeyringCommands commands,
                                  ProviderKeyReadModel readModel, ProviderKeyVerifier verifier, ByokKeys keys,
                                  Clock clock) {
        this.providers = providers;
        this.vault = vault;
        this.commands = commands;
        this.readModel = readModel;
        this.verifier = verifier;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public List<KeyTestResult> test(Caller caller, String provider, Optional<String> label,
                                    Optional<String> unsavedKey) {
        AccountId account = caller.account();
        String id = providers.id(provider);
        if (unsavedKey.isPresent()) {
            if (ProviderKeyFormats.CUSTOM.equals(id)) {
                throw new KeyringException(KeyringError.INVALID_KEY,
                        "a custom endpoint is tested once it is stored, with its base_url");
            }
            String apiKey = unsavedKey.get().strip();
            ProviderKeyFormats.check(id, apiKey);
            ProviderKeyVerifier.KeyCheck check = verifier.verify(id, apiKey, Optional.empty());
            return List.of(new KeyTestResult(Optional.empty(), id, Optional.empty(), check.status().code(),
                    check.latencyMillis(), check.detail(), clock.instant()));
        }
        List<StoredProviderKey> stored = readModel.keysOf(account).stream().filter(k -> k.provider().equals(id))
                .filter(k -> label.map(k.label()::equals).orElse(true)).toList();
        if (stored.isEmpty()) {
            throw new KeyringException(KeyringError.KEY_NOT_FOUND, "no key stored for provider " + id
                    + label.map(l -> " with label " + l).orElse(""));
        }
        List<KeyTestResult> results = new ArrayList<>();
        try {
            for (StoredProviderKey key : stored) {
                String plaintext;
                try {
                    plaintext = vault.open(account, id, key.keyId(), key.ciphertext());
                } catch (KeyUnavailableException shredded) {
                    continue;
                }
                ProviderKeyVerifier.KeyCheck check = verifier.verify(id, plaintext,
                        Optional.ofNullable(key.baseUrl()).map(URI::create));
                Instant at = clock.instant();
                commands.send(new RecordKeyTest(account, key.keyId(), check.status(), check.latencyMillis(),
                        check.detail(), at));
                results.add(new KeyTestResult(Optional.of(key.keyId().value()), id, Optional.of(key.label()),
                        check.status().code(), check.latencyMillis(), check.detail(), at));
            }
        } finally {
            keys.invalidate(account);
        }
        return results;
    }
}
