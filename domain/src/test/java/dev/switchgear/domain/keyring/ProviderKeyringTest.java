package dev.switchgear.domain.keyring;

import static dev.switchgear.domain.Refusals.keyringRefusal;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.keyring.api.AddProviderKey;
import dev.switchgear.domain.keyring.api.EraseKeyring;
import dev.switchgear.domain.keyring.api.KeyTestStatus;
import dev.switchgear.domain.keyring.api.KeyringErased;
import dev.switchgear.domain.keyring.api.ProviderKeyAdded;
import dev.switchgear.domain.keyring.api.ProviderKeyId;
import dev.switchgear.domain.keyring.api.ProviderKeyRemoved;
import dev.switchgear.domain.keyring.api.ProviderKeyReplaced;
import dev.switchgear.domain.keyring.api.ProviderKeyTested;
import dev.switchgear.domain.keyring.api.RecordKeyTest;
import dev.switchgear.domain.keyring.api.RemoveProviderKeys;
import dev.switchgear.domain.keyring.api.SealedKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProviderKeyringTest {

    private static final AccountId ACCOUNT = AccountId.of(UUID.fromString("0a6f3d2e-9a55-4c38-9d1e-0b7f2a9a1c22"));
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ProviderKeyId K1 = new ProviderKeyId("pk_first0001");
    private static final ProviderKeyId K2 = new ProviderKeyId("pk_second002");
    private static final SealedKey SEALED = new SealedKey(new byte[] {1, 2, 3}, "fp-1", "sk-…a1b2");
    private static final SealedKey SEALED_2 = new SealedKey(new byte[] {4, 5, 6}, "fp-2", "sk-…c3d4");

    private FixtureConfiguration<ProviderKeyring> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProviderKeyring.class);
    }

    private static AddProviderKey add(ProviderKeyId id, String label, SealedKey key, Tier tier) {
        return new AddProviderKey(ACCOUNT, id, "openai", label, key, null, tier, T0);
    }

    private static ProviderKeyAdded added(ProviderKeyId id, String label, SealedKey key) {
        return new ProviderKeyAdded(ACCOUNT, id, "openai", label, key, null, T0);
    }

    private static ProviderKeyReplaced replaced(ProviderKeyId old, ProviderKeyId id, String label, SealedKey key) {
        return new ProviderKeyReplaced(ACCOUNT, old, id, "openai", label, key, null, T0);
    }

    @Test
    void theFreeTierHoldsNoKeys() {
        fixture.givenNoPriorActivity()
                .when(add(K1, null, SEALED, Tier.FREE))
                .expectNoEvents()
                .expectException(keyringRefusal(KeyringError.TIER_FORBIDS_BYOK))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("upgrade"));
    }

    @Test
    void aFirstKeyOpensTheKeyringUnderTheDefaultLabel() {
        fixture.givenNoPriorActivity()
                .when(add(K1, "  ", SEALED, Tier.STARTER))
                .expectEvents(added(K1, "default", SEALED));
    }

    @Test
    void starterHoldsOneKeyPerProviderSoASecondReplacesTheFirstWhateverItsLabel() {
        fixture.given(added(K1, "default", SEALED))
                .when(add(K2, "other", SEALED_2, Tier.STARTER))
                .expectEvents(replaced(K1, K2, "other", SEALED_2));
    }

    @Test
    void professionalHoldsSeveralLabelledKeysAndReplacesOnlyTheSameLabel() {
        fixture.given(added(K1, "default", SEALED))
                .when(add(K2, "team-b", SEALED_2, Tier.PROFESSIONAL))
                .expectEvents(added(K2, "team-b", SEALED_2));
        fixture.given(added(K1, "default", SEALED))
                .when(add(K2, "default", SEALED_2, Tier.ENTERPRISE))
                .expectEvents(replaced(K1, K2, "default", SEALED_2));
    }

    @Test
    void professionalIsLimitedPerProvider() {
        List<Object> history = new ArrayList<>();
        for (int i = 0; i < ProviderKeyring.MAX_KEYS_PER_PROVIDER; i++) {
            history.add(added(new ProviderKeyId("pk_key" + (10000 + i)), "label-" + i, SEALED));
        }
        fixture.given(history)
                .when(add(K2, "one-more", SEALED_2, Tier.PROFESSIONAL))
                .expectNoEvents()
                .expectException(keyringRefusal(KeyringError.KEY_LIMIT_REACHED));
    }

    @Test
    void refusesABadLabelOrProvider() {
        fixture.givenNoPriorActivity()
                .when(add(K1, "<script>", SEALED, Tier.STARTER))
                .expectNoEvents()
                .expectException(keyringRefusal(KeyringError.INVALID_KEY));
        fixture.givenNoPriorActivity()
                .when(new AddProviderKey(ACCOUNT, K1, "Open AI!", null, SEALED, null, Tier.STARTER, T0))
                .expectNoEvents()
                .expectException(keyringRefusal(KeyringError.INVALID_KEY));
    }

    @Test
    void recordsATestOfAStoredKeyOnly() {
        fixture.given(added(K1, "default", SEALED))
                .when(new RecordKeyTest(ACCOUNT, K1, KeyTestStatus.VALID, 42, "ok", T0))
                .expectEvents(new ProviderKeyTested(ACCOUNT, K1, "openai", KeyTestStatus.VALID, 42, "ok", T0));
        fixture.given(added(K1, "default", SEALED))
                .when(new RecordKeyTest(ACCOUNT, K2, KeyTestStatus.VALID, 42, "ok", T0))
                .expectNoEvents()
                .expectException(keyringRefusal(KeyringError.KEY_NOT_FOUND));
    }

    @Test
    void removesOneLabelOrEveryKeyOfAProvider() {
        fixture.given(added(K1, "default", SEALED), added(K2, "team-b", SEALED_2))
                .when(new RemoveProviderKeys(ACCOUNT, "openai", "team-b", T0))
                .expectEvents(new ProviderKeyRemoved(ACCOUNT, K2, "openai", "team-b", T0));
        fixture.given(added(K1, "default", SEALED), added(K2, "team-b", SEALED_2))
                .when(new RemoveProviderKeys(ACCOUNT, "openai", null, T0))
                .expectEvents(new ProviderKeyRemoved(ACCOUNT, K1, "openai", "default", T0),
                        new ProviderKeyRemoved(ACCOUNT, K2, "openai", "team-b", T0));
        fixture.given(added(K1, "default", SEALED))
                .when(new RemoveProviderKeys(ACCOUNT, "anthropic", null, T0))
                .expectNoEvents()
                .expectException(keyringRefusal(KeyringError.KEY_NOT_FOUND));
    }

    @Test
    void erasingForgetsEveryKeySoNoneCanBeTestedAfterwards() {
        fixture.given(added(K1, "default", SEALED), added(K2, "team-b", SEALED_2))
                .when(new EraseKeyring(ACCOUNT, T0))
                .expectEvents(new KeyringErased(ACCOUNT, 2, T0));
        fixture.given(added(K1, "default", SEALED), new KeyringErased(ACCOUNT, 1, T0))
                .when(new RecordKeyTest(ACCOUNT, K1, KeyTestStatus.VALID, 1, "ok", T0))
                .expectNoEvents()
                .expectException(keyringRefusal(KeyringError.KEY_NOT_FOUND));
    }

    @Test
    void aSealedKeyNeverPrintsItsCiphertext() {
        org.assertj.core.api.Assertions.assertThat(SEALED.toString()).doesNotContain("[1, 2, 3]").contains("sk-…a1b2");
    }
}
