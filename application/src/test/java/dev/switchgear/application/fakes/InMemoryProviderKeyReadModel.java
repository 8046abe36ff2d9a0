package dev.switchgear.application.fakes;

import dev.switchgear.application.port.out.keyring.ProviderKeyReadModel;
import dev.switchgear.application.port.out.keyring.StoredProviderKey;
import dev.switchgear.domain.keyring.api.KeyringErased;
import dev.switchgear.domain.keyring.api.ProviderKeyAdded;
import dev.switchgear.domain.keyring.api.ProviderKeyId;
import dev.switchgear.domain.keyring.api.ProviderKeyRemoved;
import dev.switchgear.domain.keyring.api.ProviderKeyReplaced;
import dev.switchgear.domain.keyring.api.ProviderKeyTested;
import dev.switchgear.domain.keyring.api.SealedKey;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The keyring read model in memory, fed the keyring's events like the projection (idempotent). */
public class InMemoryProviderKeyReadModel implements ProviderKeyReadModel {

    private final Map<ProviderKeyId, StoredProviderKey> active = new LinkedHashMap<>();
    private final java.util.Set<ProviderKeyId> ended = new java.util.HashSet<>();

    /** What the keyring projection does with one of the keyring's events. */
    public synchronized void on(Object event) {
        if (event instanceof ProviderKeyAdded e) {
            add(e.accountId(), e.keyId(), e.provider(), e.label(), e.key(), e.baseUrl(), e.addedAt());
        } else if (event instanceof ProviderKeyReplaced e) {
            end(e.replacedKeyId());
            add(e.accountId(), e.keyId(), e.provider(), e.label(), e.key(), e.baseUrl(), e.replacedAt());
        } else if (event instanceof ProviderKeyTested e) {
            active.computeIfPresent(e.keyId(), (id, k) -> new StoredProviderKey(k.accountId(), k.keyId(),
                    k.provider(), k.label(), k.ciphertext(), k.fingerprint(), k.maskedPreview(), k.baseUrl(),
                    k.addedAt(), Optional.of(new StoredProviderKey.LastTest(e.status(), e.latencyMillis(), e.detail(),
                    e.testedAt()))));
        } else if (event instanceof ProviderKeyRemoved e) {
            end(e.keyId());
        } else if (event instanceof KeyringErased e) {
            active.values().stream().filter(k -> k.accountId().equals(e.accountId())).map(StoredProviderKey::keyId)
                    .toList().forEach(this::end);
        } else {
            throw new IllegalArgumentException("not a keyring event: " + event);
        }
    }

    @Override
    public synchronized List<StoredProviderKey> keysOf(AccountId account) {
        return active.values().stream().filter(k -> k.accountId().equals(account))
                .sorted(Comparator.comparing(StoredProviderKey::addedAt).thenComparing(k -> k.keyId().value()))
                .toList();
    }

    private void add(AccountId account, ProviderKeyId keyId, String provider, String label, SealedKey key,
                     String baseUrl, Instant at) {
        if (ended.contains(keyId)) {
            return;
        }
        active.putIfAbsent(keyId, new StoredProviderKey(account, keyId, provider, label, key.ciphertext(),
                key.fingerprint(), key.maskedPreview(), baseUrl, at, Optional.empty()));
    }

    private void end(ProviderKeyId keyId) {
        active.remove(keyId);
        ended.add(keyId);
    }
}
