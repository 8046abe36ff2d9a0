package dev.switchgear.application.service.keyring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.InMemoryKeyVault;
import dev.switchgear.application.fakes.InMemoryProviderKeyReadModel;
import dev.switchgear.application.fakes.InMemoryUsageReadModel;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.in.keyring.ByokStats;
import dev.switchgear.application.port.out.keyring.KeyUnavailableException;
import dev.switchgear.application.port.out.keyring.MasterKeyRotation;
import dev.switchgear.application.port.out.keyring.ProviderKeyringCommands;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.keyring.KeyringError;
import dev.switchgear.domain.keyring.KeyringException;
import dev.switchgear.domain.keyring.api.EraseKeyring;
import dev.switchgear.domain.keyring.api.KeyTestStatus;
import dev.switchgear.domain.keyring.api.KeyringErased;
import dev.switchgear.domain.keyring.api.MasterKeyRotated;
import dev.switchgear.domain.keyring.api.ProviderKeyAdded;
import dev.switchgear.domain.keyring.api.ProviderKeyId;
import dev.switchgear.domain.keyring.api.ProviderKeyTested;
import dev.switchgear.domain.keyring.api.SealedKey;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Erasure by crypto-shredding, the BYOK stats and the master key, over in-memory ports. */
class KeyringAdministrationTest {

    private static final Instant NOW = Instant.parse("2026-09-01T00:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final AccountId alice = AccountId.of(UUID.randomUUID());
    private final InMemoryKeyVault vault = new InMemoryKeyVault();
    private final InMemoryProviderKeyReadModel readModel = new InMemoryProviderKeyReadModel();
    private final InMemoryUsageReadModel usage = new InMemoryUsageReadModel();
    private final ByokKeys keys = new ByokKeys(readModel, vault);

    /** The keyring aggregate's answer to an erasure: the events it records, or its refusal. */
    private final List<Object> sent = new ArrayList<>();
    private boolean nothingToErase;
    private final ProviderKeyringCommands commands = command -> {
        sent.add(command);
        if (nothingToErase) {
            throw new KeyringException(KeyringError.KEY_NOT_FOUND, "no such keyring");
        }
        if (command instanceof EraseKeyring erase) {
            readModel.on(new KeyringErased(erase.accountId(), 1, erase.at()));
        }
    };

    private byte[] store(ProviderKeyId id, String provider, Instant at) {
        byte[] sealed = vault.seal(alice, provider, id, "sk-secret-" + id.value());
        readModel.on(new ProviderKeyAdded(alice, id, provider, "default", new SealedKey(sealed, "fp", "sk-…"), null,
                at));
        return sealed;
    }

    @Test
    void erasingAKeyringShredsItsDataKeySoNoCiphertextOpensAgain() {
        ProviderKeyId id = new ProviderKeyId("pk_erase0001");
        byte[] sealed = store(id, "openai", NOW);
        KeyringErasureService erasure = new KeyringErasureService(vault, commands, readModel, keys, clock);
        assertThat(keys.holds(alice, "openai")).isTrue();

        assertThat(erasure.erase(Caller.of(alice), alice)).isEqualTo(1);

        assertThat(sent).containsExactly(new EraseKeyring(alice, NOW));
        assertThatThrownBy(() -> vault.open(alice, "openai", id, sealed)).isInstanceOf(KeyUnavailableException.class);
        assertThat(keys.holds(alice, "openai")).isFalse();
    }

    @Test
    void anotherAccountsKeyringIsNoSuchKeyringAndIsLeftAlone() {
        ProviderKeyId id = new ProviderKeyId("pk_erase0002");
        byte[] sealed = store(id, "openai", NOW);
        KeyringErasureService erasure = new KeyringErasureService(vault, commands, readModel, keys, clock);

        assertThatThrownBy(() -> erasure.erase(Caller.of(AccountId.of(UUID.randomUUID())), alice))
                .isInstanceOfSatisfying(KeyringException.class,
                        e -> assertThat(e.code()).isEqualTo(KeyringError.KEY_NOT_FOUND));

        assertThat(sent).isEmpty();
        assertThat(vault.open(alice, "openai", id, sealed)).isEqualTo("sk-secret-pk_erase0002");
    }

    @Test
    void aKeyringTheAggregateHoldsNothingOfIsStillShredded() {
        ProviderKeyId id = new ProviderKeyId("pk_erase0003");
        byte[] sealed = store(id, "openai", NOW);
        nothingToErase = true;
        KeyringErasureService erasure = new KeyringErasureService(vault, commands, readModel, keys, clock);

        assertThat(erasure.erase(Caller.administrator(), alice)).isEqualTo(1);

        assertThatThrownBy(() -> vault.open(alice, "openai", id, sealed)).isInstanceOf(KeyUnavailableException.class);
    }

    @Test
    void statsCountKeysByProviderThoseDueForATestThoseFailingAndTheUsageOnOwnKeys() {
        ProviderKeyId fresh = new ProviderKeyId("pk_stats0001");
        ProviderKeyId stale = new ProviderKeyId("pk_stats0002");
        ProviderKeyId refused = new ProviderKeyId("pk_stats0003");
        store(fresh, "openai", NOW.minus(Duration.ofDays(200)));
        store(stale, "openai", NOW.minus(Duration.ofDays(200)));
        store(refused, "groq", NOW.minus(Duration.ofDays(200)));
        readModel.on(new ProviderKeyTested(alice, fresh, "openai", KeyTestStatus.VALID, 5, "ok", NOW.minusSeconds(60)));
        readModel.on(new ProviderKeyTested(alice, stale, "openai", KeyTestStatus.VALID, 5, "ok",
                NOW.minus(Duration.ofDays(91))));
        readModel.on(new ProviderKeyTested(alice, refused, "groq", KeyTestStatus.INVALID, 5, "401", NOW));
        usage.on(new UsageCharged(alice, new RequestId("own-1"), "m", "openai", 10, 20, false, 1, 1,
                MicroCredits.of(1), MicroCredits.of(1), MicroCredits.ZERO, MicroCredits.of(9), NOW.minusSeconds(5),
                true, 10_000, 0, null));
        usage.on(new UsageCharged(alice, new RequestId("platform-1"), "m", "openai", 1, 1, false, 1, 1,
                MicroCredits.of(1), MicroCredits.of(1), MicroCredits.ZERO, MicroCredits.of(8), NOW.minusSeconds(4)));

        ByokStats stats = new ByokStatsService(readModel, usage, clock).stats(Caller.of(alice));

        assertThat(stats.keys()).isEqualTo(3);
        assertThat(stats.keysByProvider()).containsExactly(java.util.Map.entry("groq", 1),
                java.util.Map.entry("openai", 2));
        assertThat(stats.keysNeedingTest()).isEqualTo(1);
        assertThat(stats.keysFailing()).isEqualTo(1);
        assertThat(stats.byokRequests()).isEqualTo(1);
        assertThat(stats.byokInputTokens()).isEqualTo(10);
        assertThat(stats.byokOutputTokens()).isEqualTo(20);
        assertThat(stats.platformRequests()).isEqualTo(1);
    }

    @Test
    void theMasterKeyIsTheAdministratorsOnly() {
        List<MasterKeyRotated> recorded = new ArrayList<>();
        MasterKeyService masterKey = new MasterKeyService(vault, recorded::add, Clock.fixed(NOW, ZoneOffset.UTC));
        store(new ProviderKeyId("pk_master001"), "openai", NOW);

        assertThatThrownBy(() -> masterKey.rotate(Caller.of(alice))).isInstanceOfSatisfying(IdentityException.class,
                e -> assertThat(e.code()).isEqualTo(IdentityError.ADMIN_REQUIRED));
        assertThatThrownBy(() -> masterKey.status(Caller.of(alice))).isInstanceOf(IdentityException.class);
        long before = masterKey.status(Caller.administrator()).primaryVersion();

        assertThat(recorded).as("a refused rotation is not recorded").isEmpty();

        MasterKeyRotation rotation = masterKey.rotate(Caller.administrator());
        assertThat(rotation.retiredVersions()).containsExactly(before);
        assertThat(masterKey.status(Caller.administrator()).primaryVersion()).isNotEqualTo(before);
        assertThat(recorded).containsExactly(new MasterKeyRotated(rotation.primaryVersion(), List.of(before),
                rotation.dataKeysRewrapped(), NOW));
    }
}
