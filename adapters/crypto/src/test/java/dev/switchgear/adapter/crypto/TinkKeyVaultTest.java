package dev.switchgear.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.port.out.keyring.KeyUnavailableException;
import dev.switchgear.application.port.out.keyring.MasterKeyRotation;
import dev.switchgear.adapter.crypto.DataKeysetStore.WrappedDataKey;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.keyring.api.ProviderKeyId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinkKeyVaultTest {

    private static final String CANARY = "sk-canary-" + UUID.randomUUID().toString().replace("-", "") + "XyZ1";
    private static final String OTHER = "sk-other-" + UUID.randomUUID().toString().replace("-", "") + "AbC2";
    private static final AccountId ALICE = AccountId.of(UUID.randomUUID());
    private static final AccountId BOB = AccountId.of(UUID.randomUUID());
    private static final ProviderKeyId K1 = new ProviderKeyId("pk_alice0001");
    private static final ProviderKeyId K2 = new ProviderKeyId("pk_bobkey002");

    @TempDir
    Path dir;
    private InMemoryDataKeysetStore store;
    private TinkKeyVault vault;

    @BeforeEach
    void setUp() {
        store = new InMemoryDataKeysetStore();
        vault = new TinkKeyVault(MasterKeyset.fromFile(dir.resolve("master-keyset.json")), store);
    }

    @Test
    void sealsAndOpensAKeyWithoutKeepingItsPlaintextAnywhere() {
        byte[] sealed = vault.seal(ALICE, "openai", K1, CANARY);
        assertThat(vault.open(ALICE, "openai", K1, sealed)).isEqualTo(CANARY);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(CANARY);
        assertThat(new String(store.find(ALICE).orElseThrow().wrapped(), StandardCharsets.ISO_8859_1))
                .doesNotContain(CANARY);
    }

    @Test
    void aCiphertextOpensOnlyForItsOwnAccountProviderAndKeyId() {
        byte[] alices = vault.seal(ALICE, "openai", K1, CANARY);
        byte[] bobs = vault.seal(BOB, "openai", K2, OTHER);
        assertThatThrownBy(() -> vault.open(BOB, "openai", K2, alices)).isInstanceOf(KeyUnavailableException.class);
        assertThatThrownBy(() -> vault.open(ALICE, "openai", K1, bobs)).isInstanceOf(KeyUnavailableException.class);
        assertThatThrownBy(() -> vault.open(ALICE, "anthropic", K1, alices))
                .isInstanceOf(KeyUnavailableException.class);
        assertThatThrownBy(() -> vault.open(ALICE, "openai", K2, alices)).isInstanceOf(KeyUnavailableException.class);
        assertThat(vault.open(ALICE, "openai", K1, alices)).isEqualTo(CANARY);
    }

    @Test
    void aDataKeyMovedToAnotherAccountCannotBeUnwrapped() {
        byte[] alices = vault.seal(ALICE, "openai", K1, CANARY);
        vault.seal(BOB, "openai", K2, OTHER);
        WrappedDataKey alicesKeyset = store.find(ALICE).orElseThrow();
        store.put(BOB, alicesKeyset);
        TinkKeyVault fresh = new TinkKeyVault(MasterKeyset.fromFile(dir.resolve("master-keyset.json")), store);
        assertThatThrownBy(() -> fresh.open(BOB, "openai", K1, alices)).isInstanceOf(KeyUnavailableException.class);
    }

    @Test
    void afterRotationAndRewrapEveryKeyStillOpensAndTheOldVersionIsGone() throws Exception {
        byte[] alices = vault.seal(ALICE, "openai", K1, CANARY);
        byte[] bobs = vault.seal(BOB, "groq", K2, OTHER);
        long before = vault.masterKeyStatus().primaryVersion();

        MasterKeyRotation rotation = vault.rotateMasterKey();

        assertThat(rotation.primaryVersion()).isNotEqualTo(before);
        assertThat(rotation.retiredVersions()).containsExactly(before);
        assertThat(rotation.dataKeysRewrapped()).isEqualTo(2);
        assertThat(vault.masterKeyStatus().versions()).containsExactly(rotation.primaryVersion());
        assertThat(vault.masterKeyStatus().dataKeysByVersion()).containsOnlyKeys(rotation.primaryVersion());
        TinkKeyVault restarted = new TinkKeyVault(MasterKeyset.fromFile(dir.resolve("master-keyset.json")), store);
        assertThat(restarted.open(ALICE, "openai", K1, alices)).isEqualTo(CANARY);
        assertThat(restarted.open(BOB, "groq", K2, bobs)).isEqualTo(OTHER);
        assertThat(Files.readString(dir.resolve("master-keyset.json"))).doesNotContain(Long.toString(before));
    }

    @Test
    void aMasterKeysetFromTheEnvironmentWorksButCannotBeRotatedHere() throws Exception {
        String json = Files.readString(dir.resolve("master-keyset.json"));
        TinkKeyVault fromEnvironment = new TinkKeyVault(MasterKeyset.fromJson(json), store);
        byte[] sealed = fromEnvironment.seal(ALICE, "openai", K1, CANARY);
        assertThat(vault.open(ALICE, "openai", K1, sealed)).isEqualTo(CANARY);
        assertThat(fromEnvironment.masterKeyStatus().rotatable()).isFalse();
        assertThatThrownBy(fromEnvironment::rotateMasterKey).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shreddingMakesEveryCiphertextOfTheKeyringUnrecoverable() {
        byte[] alices = vault.seal(ALICE, "openai", K1, CANARY);
        byte[] bobs = vault.seal(BOB, "openai", K2, OTHER);
        assertThat(vault.open(ALICE, "openai", K1, alices)).isEqualTo(CANARY);

        vault.shred(ALICE);

        assertThatThrownBy(() -> vault.open(ALICE, "openai", K1, alices)).isInstanceOf(KeyUnavailableException.class);
        TinkKeyVault restarted = new TinkKeyVault(MasterKeyset.fromFile(dir.resolve("master-keyset.json")), store);
        assertThatThrownBy(() -> restarted.open(ALICE, "openai", K1, alices))
                .isInstanceOf(KeyUnavailableException.class);
        assertThat(restarted.open(BOB, "openai", K2, bobs)).isEqualTo(OTHER);
        byte[] again = vault.seal(ALICE, "openai", new ProviderKeyId("pk_alice0002"), OTHER);
        assertThat(vault.open(ALICE, "openai", new ProviderKeyId("pk_alice0002"), again)).isEqualTo(OTHER);
        assertThatThrownBy(() -> vault.open(ALICE, "openai", K1, alices)).isInstanceOf(KeyUnavailableException.class);
    }

    @Test
    void forgettingOneKeyDestroysOnlyItsDataKey() {
        ProviderKeyId second = new ProviderKeyId("pk_alice0002");
        byte[] first = vault.seal(ALICE, "openai", K1, CANARY);
        byte[] other = vault.seal(ALICE, "openai", second, OTHER);

        vault.forget(ALICE, other);

        assertThatThrownBy(() -> vault.open(ALICE, "openai", second, other))
                .isInstanceOf(KeyUnavailableException.class);
        assertThat(vault.open(ALICE, "openai", K1, first)).isEqualTo(CANARY);
        vault.forget(ALICE, first);
        assertThatThrownBy(() -> vault.open(ALICE, "openai", K1, first)).isInstanceOf(KeyUnavailableException.class);
        assertThat(TinkKeyVault.tinkKeyIdOf(first)).isPresent();
    }
}
