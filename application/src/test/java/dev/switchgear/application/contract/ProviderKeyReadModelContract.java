package dev.switchgear.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.application.port.out.keyring.ProviderKeyReadModel;
import dev.switchgear.application.port.out.keyring.StoredProviderKey;
import dev.switchgear.domain.keyring.api.KeyTestStatus;
import dev.switchgear.domain.keyring.api.KeyringErased;
import dev.switchgear.domain.keyring.api.ProviderKeyAdded;
import dev.switchgear.domain.keyring.api.ProviderKeyId;
import dev.switchgear.domain.keyring.api.ProviderKeyRemoved;
import dev.switchgear.domain.keyring.api.ProviderKeyReplaced;
import dev.switchgear.domain.keyring.api.ProviderKeyTested;
import dev.switchgear.domain.keyring.api.SealedKey;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the keyring read model must do once the keyring's events are projected into it: each
 * account's live keys, oldest first, sealed, with their last test; removed, replaced and erased
 * keys are gone; events projected again change nothing. Run against the in-memory fake and the
 * jOOQ table fed by the real projection.
 */
public abstract class ProviderKeyReadModelContract {

    protected static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    protected abstract ProviderKeyReadModel keys();

    /** Projects one keyring event into the read model, as the keyring projection does. */
    protected abstract void project(Object event);

    private static ProviderKeyId keyId() {
        return new ProviderKeyId("pk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    }

    private static ProviderKeyAdded added(AccountId account, ProviderKeyId id, String provider, String label,
                                          Instant at) {
        return new ProviderKeyAdded(account, id, provider, label,
                new SealedKey(new byte[] {1, 2, 3, (byte) label.length()}, "fp-" + label, "sk-…" + label), null, at);
    }

    @Test
    void anAccountsLiveKeysComeOldestFirstSealedAndMasked() {
        AccountId account = AccountId.of(UUID.randomUUID());
        ProviderKeyId first = keyId();
        ProviderKeyId second = keyId();
        project(added(account, second, "groq", "later", T0.plusSeconds(5)));
        project(added(account, first, "openai", "work", T0));
        project(added(AccountId.of(UUID.randomUUID()), keyId(), "openai", "someone-else", T0));

        assertThat(keys().keysOf(account)).extracting(StoredProviderKey::keyId).containsExactly(first, second);
        StoredProviderKey key = keys().keysOf(account).get(0);
        assertThat(key.accountId()).isEqualTo(account);
        assertThat(key.provider()).isEqualTo("openai");
        assertThat(key.label()).isEqualTo("work");
        assertThat(key.ciphertext()).containsExactly(1, 2, 3, 4);
        assertThat(key.fingerprint()).isEqualTo("fp-work");
        assertThat(key.maskedPreview()).isEqualTo("sk-…work");
        assertThat(key.addedAt()).isEqualTo(T0);
        assertThat(key.lastTest()).isEmpty();
        assertThat(keys().keysOf(AccountId.of(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void aKeysLastTestIsKept() {
        AccountId account = AccountId.of(UUID.randomUUID());
        ProviderKeyId id = keyId();
        project(added(account, id, "openai", "work", T0));
        project(new ProviderKeyTested(account, id, "openai", KeyTestStatus.INVALID, 42, "refused", T0.plusSeconds(1)));

        StoredProviderKey.LastTest last = keys().keysOf(account).get(0).lastTest().orElseThrow();
        assertThat(last.status()).isEqualTo(KeyTestStatus.INVALID);
        assertThat(last.latencyMillis()).isEqualTo(42);
        assertThat(last.detail()).isEqualTo("refused");
        assertThat(last.testedAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void removedAndReplacedKeysAreGone() {
        AccountId account = AccountId.of(UUID.randomUUID());
        ProviderKeyId removed = keyId();
        ProviderKeyId replaced = keyId();
        ProviderKeyId replacement = keyId();
        project(added(account, removed, "openai", "a", T0));
        project(added(account, replaced, "groq", "b", T0.plusSeconds(1)));
        project(new ProviderKeyRemoved(account, removed, "openai", "a", T0.plusSeconds(2)));
        project(new ProviderKeyReplaced(account, replaced, replacement, "groq", "b",
                new SealedKey(new byte[] {9}, "fp-new", "sk-…new"), null, T0.plusSeconds(3)));

        assertThat(keys().keysOf(account)).extracting(StoredProviderKey::keyId).containsExactly(replacement);
        assertThat(keys().keysOf(account).get(0).fingerprint()).isEqualTo("fp-new");
    }

    @Test
    void anErasedKeyringHoldsNoKeys() {
        AccountId account = AccountId.of(UUID.randomUUID());
        AccountId other = AccountId.of(UUID.randomUUID());
        project(added(account, keyId(), "openai", "a", T0));
        project(added(account, keyId(), "groq", "b", T0));
        project(added(other, keyId(), "groq", "c", T0));
        project(new KeyringErased(account, 2, T0.plusSeconds(1)));

        assertThat(keys().keysOf(account)).isEmpty();
        assertThat(keys().keysOf(other)).hasSize(1);
    }

    @Test
    void eventsProjectedAgainChangeNothing() {
        AccountId account = AccountId.of(UUID.randomUUID());
        ProviderKeyId kept = keyId();
        ProviderKeyId gone = keyId();
        ProviderKeyAdded keptAdded = added(account, kept, "openai", "a", T0);
        ProviderKeyAdded goneAdded = added(account, gone, "groq", "b", T0.plusSeconds(1));
        ProviderKeyRemoved removal = new ProviderKeyRemoved(account, gone, "groq", "b", T0.plusSeconds(2));
        for (int replay = 0; replay < 2; replay++) {
            project(keptAdded);
            project(goneAdded);
            project(removal);
        }

        assertThat(keys().keysOf(account)).extracting(StoredProviderKey::keyId).containsExactly(kept);
    }
}
