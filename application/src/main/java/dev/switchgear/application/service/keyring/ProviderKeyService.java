package dev.switchgear.application.service.keyring;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.keyring.ManageProviderKeysUseCase;
import dev.switchgear.application.port.in.keyring.NewProviderKey;
import dev.switchgear.application.port.in.keyring.ProviderKeyView;
import dev.switchgear.application.port.out.keyring.EgressGuard;
import dev.switchgear.application.port.out.keyring.KeyVault;
import dev.switchgear.application.port.out.keyring.ProviderKeyReadModel;
import dev.switchgear.application.port.out.keyring.ProviderKeyringCommands;
import dev.switchgear.application.port.out.keyring.StoredProviderKey;
import dev.switchgear.application.port.in.credit.AccountStandings;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.keyring.KeyringError;
import dev.switchgear.domain.keyring.KeyringException;
import dev.switchgear.domain.keyring.api.AddProviderKey;
import dev.switchgear.domain.keyring.api.ProviderKeyId;
import dev.switchgear.domain.keyring.api.RemoveProviderKeys;
import dev.switchgear.domain.keyring.api.SealedKey;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.Tier;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Storing and removing a caller's provider keys: format checks, a custom endpoint's egress check,
 * sealing through the key vault, the keyring aggregate's rules; the data key of a key that is gone
 * is destroyed. A plaintext key lives only on the stack of the call that received it.
 */
public class ProviderKeyService implements ManageProviderKeysUseCase {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ByokProvidersService providers;
    private final KeyVault vault;
    private final ProviderKeyringCommands commands;
    private final ProviderKeyReadModel readModel;
    private final EgressGuard egress;
    private final AccountStandings ledger;
    private final ByokKeys keys;
    private final Clock clock;

    public ProviderKeyService(ByokProvidersService providers, KeyVault vault, ProviderKeyringCommands commands,
                              ProviderKeyReadModel readModel, EgressGuard egress, AccountStandings ledger, ByokKeys keys,
                              Clock clock) {
        this.providers = providers;
        this.vault = vault;
        this.commands = commands;
        this.readModel = readModel;
        this.egress = egress;
        this.ledger = ledger;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public List<ProviderKeyView> keys(Caller caller) {
        return readModel.keysOf(caller.account()).stream().map(k -> ProviderKeyViews.view(k, clock.instant()))
                .toList();
    }

    @Override
    public ProviderKeyView add(Caller caller, NewProviderKey key) {
        AccountId account = caller.account();
        String provider = providers.id(key.provider());
        Tier tier = tierOf(account);
        if (tier == Tier.FREE) {
            throw new KeyringException(KeyringError.TIER_FORBIDS_BYOK,
                    "bring-your-own-key needs the Starter tier or higher; upgrade to add provider keys");
        }
        String apiKey = key.apiKey() == null ? null : key.apiKey().strip();
        ProviderKeyFormats.check(provider, apiKey);
        String baseUrl = null;
        if (ProviderKeyFormats.CUSTOM.equals(provider)) {
            baseUrl = egress.check(key.baseUrl().orElseThrow(() -> new KeyringException(KeyringError.INVALID_KEY,
                    "a custom endpoint needs its base_url"))).toString();
        } else if (key.baseUrl().isPresent()) {
            throw new KeyringException(KeyringError.INVALID_KEY, "base_url is only for the custom provider");
        }
        ProviderKeyId keyId = new ProviderKeyId("pk_" + randomId());
        SealedKey sealed = new SealedKey(vault.seal(account, provider, keyId, apiKey),
                ProviderKeyFormats.fingerprint(provider, apiKey), ProviderKeyFormats.mask(provider, apiKey));
        List<StoredProviderKey> before = readModel.keysOf(account);
        try {
            commands.send(new AddProviderKey(account, keyId, provider, key.label().orElse(null), sealed, baseUrl, tier,
                    clock.instant()));
        } catch (RuntimeException refused) {
            vault.forget(account, sealed.ciphertext());
            throw refused;
        } finally {
            keys.invalidate(account);
        }
        forgetGone(account, before);
        return readModel.keysOf(account).stream().filter(k -> k.keyId().equals(keyId)).findFirst()
                .map(k -> ProviderKeyViews.view(k, clock.instant()))
                .orElseThrow(() -> new IllegalStateException("the added key is missing from the read model"));
    }

    @Override
    public int remove(Caller caller, String provider, Optional<String> label) {
        AccountId account = caller.account();
        String id = providers.id(provider);
        long before = readModel.keysOf(account).stream().filter(k -> k.provider().equals(id))
                .filter(k -> label.map(k.label()::equals).orElse(true)).count();
        if (before == 0) {
            throw new KeyringException(KeyringError.KEY_NOT_FOUND, "no key stored for provider " + id
                    + label.map(l -> " with label " + l).orElse(""));
        }
        List<StoredProviderKey> held = readModel.keysOf(account);
        try {
            commands.send(new RemoveProviderKeys(account, id, label.orElse(null), clock.instant()));
        } finally {
            keys.invalidate(account);
        }
        forgetGone(account, held);
        return (int) before;
    }

    /** Destroys the data key of every key that was held before a change and is gone after it. */
    private void forgetGone(AccountId account, List<StoredProviderKey> before) {
        Set<ProviderKeyId> still = new HashSet<>();
        readModel.keysOf(account).forEach(k -> still.add(k.keyId()));
        before.stream().filter(k -> !still.contains(k.keyId())).forEach(k -> vault.forget(account, k.ciphertext()));
    }

    private Tier tierOf(AccountId account) {
        return ledger.summary(account).map(s -> s.tier())
                .orElseThrow(() -> new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found"));
    }

    private static String randomId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
