package dev.switchgear.application.service.keyring;

import dev.switchgear.application.port.out.keyring.KeyUnavailableException;
import dev.switchgear.application.port.out.keyring.KeyVault;
import dev.switchgear.application.port.out.keyring.ProviderKeyReadModel;
import dev.switchgear.application.port.out.keyring.StoredProviderKey;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.keyring.api.KeyTestStatus;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request path's view of every account's keyring: sealed keys only, held in memory and loaded
 * from the read model on first use, so a lookup costs a map probe; the key itself is decrypted for
 * each call and never kept (ADR 0009). Keys whose last live test was refused by the provider are
 * tried last; a key whose data key was shredded is treated as absent.
 */
public final class ByokKeys {

    private static final Comparator<StoredProviderKey> REFUSED_LAST = Comparator.comparing(
            k -> k.lastTest().map(t -> t.status() == KeyTestStatus.INVALID).orElse(false));

    private final ProviderKeyReadModel readModel;
    private final KeyVault vault;
    private final ConcurrentHashMap<AccountId, List<StoredProviderKey>> sealed = new ConcurrentHashMap<>();

    public ByokKeys(ProviderKeyReadModel readModel, KeyVault vault) {
        this.readModel = readModel;
        this.vault = vault;
    }

    /** The caller's own key for a provider, decrypted for this one call, if it has a usable one. */
    public Optional<OpenedKey> credentialFor(AccountId account, String provider) {
        for (StoredProviderKey key : sealed.computeIfAbsent(account, this::load)) {
            if (!key.provider().equals(provider)) {
                continue;
            }
            try {
                String plaintext = vault.open(account, provider, key.keyId(), key.ciphertext());
                return Optional.of(new OpenedKey(plaintext, key.baseUrl() == null ? null
                        : URI.create(key.baseUrl())));
            } catch (KeyUnavailableException shredded) {
                // treated as absent: the next key, or the platform's
            }
        }
        return Optional.empty();
    }

    /** The providers the account holds a key for (without opening any). */
    public java.util.Set<String> providersOf(AccountId account) {
        List<StoredProviderKey> keys = sealed.computeIfAbsent(account, this::load);
        if (keys.isEmpty()) {
            return java.util.Set.of();
        }
        java.util.Set<String> providers = new java.util.HashSet<>();
        keys.forEach(k -> providers.add(k.provider()));
        return providers;
    }

    /** Whether the account holds a key for the provider (without opening it). */
    public boolean holds(AccountId account, String provider) {
        return sealed.computeIfAbsent(account, this::load).stream().anyMatch(k -> k.provider().equals(provider));
    }

    /** Forgets what is held for an account; the next lookup reads the read model again. */
    public void invalidate(AccountId account) {
        sealed.remove(account);
    }

    /**
     * Forgets what is held for every account: on several nodes (ADR 0030), a key another node added
     * or removed is seen here at the next lookup after this.
     */
    public void invalidateAll() {
        sealed.clear();
    }

    private List<StoredProviderKey> load(AccountId account) {
        return readModel.keysOf(account).stream().sorted(REFUSED_LAST).toList();
    }
}
