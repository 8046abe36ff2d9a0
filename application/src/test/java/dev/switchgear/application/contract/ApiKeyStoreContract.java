package dev.switchgear.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.port.out.identity.AdminCredentialStore;
import dev.switchgear.application.port.out.identity.ApiKeyStore;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the key store must do ({@link ApiKeyStore} for account keys, {@link AdminCredentialStore}
 * for the admin key): keys are found by their hash only; run against the in-memory fake and the
 * jOOQ tables on PostgreSQL.
 */
public abstract class ApiKeyStoreContract {

    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    protected abstract ApiKeyStore apiKeys();

    protected abstract AdminCredentialStore adminCredentials();

    private static String hash() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 64);
    }

    @Test
    void anAccountKeyIsFoundByItsHashAndNothingElse() {
        AccountId account = AccountId.of(UUID.randomUUID());
        String hash = hash();
        apiKeys().save(UUID.randomUUID().toString(), hash, "sg-abcd", account, T0);

        assertThat(apiKeys().findAccountByHash(hash)).contains(account);
        assertThat(apiKeys().findAccountByHash(hash())).isEmpty();
        assertThat(apiKeys().findAccountByHash("sg-abcd")).isEmpty();
    }

    @Test
    void anAccountMayHoldSeveralKeys() {
        AccountId account = AccountId.of(UUID.randomUUID());
        String first = hash();
        String second = hash();
        apiKeys().save(UUID.randomUUID().toString(), first, "sg-aaaa", account, T0);
        apiKeys().save(UUID.randomUUID().toString(), second, "sg-bbbb", account, T0.plusSeconds(1));

        assertThat(apiKeys().findAccountByHash(first)).contains(account);
        assertThat(apiKeys().findAccountByHash(second)).contains(account);
    }

    @Test
    void aHashAlreadyStoredIsRefusedAndStillPointsToItsAccount() {
        AccountId owner = AccountId.of(UUID.randomUUID());
        String hash = hash();
        apiKeys().save(UUID.randomUUID().toString(), hash, "sg-abcd", owner, T0);

        assertThatThrownBy(() -> apiKeys().save(UUID.randomUUID().toString(), hash, "sg-abcd",
                AccountId.of(UUID.randomUUID()), T0)).isInstanceOf(RuntimeException.class);
        assertThat(apiKeys().findAccountByHash(hash)).contains(owner);
    }

    @Test
    void theAdminKeyHashIsOneValueThatCanBeReplaced() {
        String first = hash();
        String second = hash();
        adminCredentials().saveAdminKeyHash(first);
        assertThat(adminCredentials().adminKeyHash()).contains(first);

        adminCredentials().saveAdminKeyHash(second);

        assertThat(adminCredentials().adminKeyHash()).contains(second);
    }
}
