package dev.switchgear.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.port.out.keyring.KeyUnavailableException;
import dev.switchgear.application.port.out.keyring.KeyVault;
import dev.switchgear.application.port.out.keyring.MasterKeyRotation;
import dev.switchgear.domain.keyring.api.ProviderKeyId;
import dev.switchgear.domain.shared.AccountId;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link KeyVault} must do: a sealed key holds nothing of the plaintext and opens only
 * for its own account, provider and key id; forgetting one key leaves the others; shredding a
 * keyring leaves other keyrings; a master key rotation keeps every key opening. Run against the
 * in-memory fake and the Tink vault; each test gets a fresh vault from {@link #vault()}.
 */
public abstract class KeyVaultContract {

    private static final String SECRET = "sk-contract-" + UUID.randomUUID().toString().replace("-", "") + "Zz9";
    private static final String OTHER = "sk-contract-" + UUID.randomUUID().toString().replace("-", "") + "Yy8";
    private static final ProviderKeyId K1 = new ProviderKeyId("pk_contract001");
    private static final ProviderKeyId K2 = new ProviderKeyId("pk_contract002");

    private final AccountId alice = AccountId.of(UUID.randomUUID());
    private final AccountId bob = AccountId.of(UUID.randomUUID());

    /** The vault under test; the same instance for the whole test. */
    protected abstract KeyVault vault();

    @Test
    void aSealedKeyOpensAndHoldsNothingOfThePlaintext() {
        byte[] sealed = vault().seal(alice, "openai", K1, SECRET);

        assertThat(vault().open(alice, "openai", K1, sealed)).isEqualTo(SECRET);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
    }

    @Test
    void aSealedKeyOpensOnlyForItsOwnAccountProviderAndKeyId() {
        byte[] alices = vault().seal(alice, "openai", K1, SECRET);
        vault().seal(bob, "openai", K2, OTHER);

        assertThatThrownBy(() -> vault().open(bob, "openai", K1, alices)).isInstanceOf(KeyUnavailableException.class);
        assertThatThrownBy(() -> vault().open(alice, "anthropic", K1, alices))
                .isInstanceOf(KeyUnavailableException.class);
        assertThatThrownBy(() -> vault().open(alice, "openai", K2, alices))
                .isInstanceOf(KeyUnavailableException.class);
        assertThat(vault().open(alice, "openai", K1, alices)).isEqualTo(SECRET);
    }

    @Test
    void forgettingOneKeyLeavesTheKeyringsOthers() {
        byte[] first = vault().seal(alice, "openai", K1, SECRET);
        byte[] second = vault().seal(alice, "groq", K2, OTHER);

        vault().forget(alice, second);

        assertThatThrownBy(() -> vault().open(alice, "groq", K2, second)).isInstanceOf(KeyUnavailableException.class);
        assertThat(vault().open(alice, "openai", K1, first)).isEqualTo(SECRET);
    }

    @Test
    void shreddingAKeyringLeavesOtherKeyringsAndANewKeyCanBeSealedAfter() {
        byte[] alices = vault().seal(alice, "openai", K1, SECRET);
        byte[] bobs = vault().seal(bob, "openai", K2, OTHER);

        vault().shred(alice);

        assertThatThrownBy(() -> vault().open(alice, "openai", K1, alices)).isInstanceOf(KeyUnavailableException.class);
        assertThat(vault().open(bob, "openai", K2, bobs)).isEqualTo(OTHER);
        ProviderKeyId again = new ProviderKeyId("pk_contract003");
        byte[] fresh = vault().seal(alice, "openai", again, OTHER);
        assertThat(vault().open(alice, "openai", again, fresh)).isEqualTo(OTHER);
        assertThatThrownBy(() -> vault().open(alice, "openai", K1, alices)).isInstanceOf(KeyUnavailableException.class);
    }

    @Test
    void aRotationRewrapsEveryKeyringUnderANewPrimaryAndEveryKeyStillOpens() {
        byte[] alices = vault().seal(alice, "openai", K1, SECRET);
        byte[] bobs = vault().seal(bob, "groq", K2, OTHER);
        long before = vault().masterKeyStatus().primaryVersion();

        MasterKeyRotation rotation = vault().rotateMasterKey();

        assertThat(rotation.primaryVersion()).isNotEqualTo(before);
        assertThat(rotation.retiredVersions()).containsExactly(before);
        assertThat(rotation.dataKeysRewrapped()).isEqualTo(2);
        assertThat(vault().masterKeyStatus().primaryVersion()).isEqualTo(rotation.primaryVersion());
        assertThat(vault().masterKeyStatus().dataKeysByVersion()).containsOnlyKeys(rotation.primaryVersion());
        assertThat(vault().open(alice, "openai", K1, alices)).isEqualTo(SECRET);
        assertThat(vault().open(bob, "groq", K2, bobs)).isEqualTo(OTHER);
    }
}
