package dev.switchgear.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.application.port.out.identity.AdminCredentialStore;
import dev.switchgear.application.port.out.identity.ApiKeyStore;
import dev.switchgear.application.port.out.identity.StoredApiKey;
import dev.switchgear.domain.credit.api.ApiKeyIssued;
import dev.switchgear.domain.credit.api.ApiKeyRevoked;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the key store must do ({@link ApiKeyStore}, the read model of the account's key events, for
 * account keys; {@link AdminCredentialStore} for the admin key): keys are found by their hash only,
 * revocations stay on record, the events can be applied again without changing anything, and rows
 * from before keys were events read like the others. Run against the in-memory fake and the jOOQ
 * projection and tables on PostgreSQL.
 */
public abstract class ApiKeyStoreContract {

    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    protected abstract ApiKeyStore apiKeys();

    protected abstract AdminCredentialStore adminCredentials();

    /** Applies an account event as the read model's projection does. */
    protected abstract void project(CreditAccountEvent event);

    /** Writes a row the way keys were stored before they were events. */
    protected abstract void legacyRow(String keyId, String keyHash, String prefix, AccountId accountId, Instant createdAt);

    private static String hash() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 64);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private ApiKeyIssued issue(AccountId account, String keyId, String hash, Instant at, Instant expiresAt) {
        ApiKeyIssued issued = new ApiKeyIssued(account, keyId, "ci " + keyId.substring(0, 4), "sg-Ab12", hash,
                expiresAt, at);
        project(issued);
        return issued;
    }

    @Test
    void anIssuedKeyIsFoundByItsHashAndNothingElse() {
        AccountId account = AccountId.of(UUID.randomUUID());
        String hash = hash();
        String keyId = id();
        ApiKeyIssued issued = issue(account, keyId, hash, T0, T0.plusSeconds(3600));

        StoredApiKey found = apiKeys().findByHash(hash).orElseThrow();
        assertThat(found).isEqualTo(new StoredApiKey(keyId, account, issued.name(), "sg-Ab12", hash, T0,
                T0.plusSeconds(3600), null, null));
        assertThat(apiKeys().findByHash(hash())).isEmpty();
        assertThat(apiKeys().findByHash("sg-Ab12")).isEmpty();
    }

    @Test
    void aKeyIdIsFoundOnlyWithinItsOwnAccount() {
        AccountId owner = AccountId.of(UUID.randomUUID());
        AccountId other = AccountId.of(UUID.randomUUID());
        String keyId = id();
        issue(owner, keyId, hash(), T0, null);

        assertThat(apiKeys().find(owner, keyId)).map(StoredApiKey::keyId).contains(keyId);
        assertThat(apiKeys().find(other, keyId)).isEmpty();
        assertThat(apiKeys().find(owner, id())).isEmpty();
        assertThat(apiKeys().find(owner, "not-a-uuid")).isEmpty();
    }

    @Test
    void theListHoldsTheAccountsUnrevokedKeysNewestFirst() {
        AccountId account = AccountId.of(UUID.randomUUID());
        String first = id();
        String second = id();
        String third = id();
        issue(account, first, hash(), T0, null);
        issue(account, second, hash(), T0.plusSeconds(1), T0.plusSeconds(2));
        issue(account, third, hash(), T0.plusSeconds(2), null);
        issue(AccountId.of(UUID.randomUUID()), id(), hash(), T0.plusSeconds(3), null);
        project(new ApiKeyRevoked(account, third, T0.plusSeconds(5)));

        assertThat(apiKeys().listByAccount(account)).extracting(StoredApiKey::keyId).containsExactly(second, first);
    }

    @Test
    void aRevokedKeyIsStillFoundByItsHashAndSaysWhenItWasRevoked() {
        AccountId account = AccountId.of(UUID.randomUUID());
        String hash = hash();
        String keyId = id();
        issue(account, keyId, hash, T0, null);

        project(new ApiKeyRevoked(account, keyId, T0.plusSeconds(10)));

        assertThat(apiKeys().findByHash(hash).orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(apiKeys().find(account, keyId).orElseThrow().revoked()).isTrue();
    }

    @Test
    void applyingTheEventsAgainChangesNothing() {
        AccountId account = AccountId.of(UUID.randomUUID());
        String hash = hash();
        String keyId = id();
        ApiKeyIssued issued = issue(account, keyId, hash, T0, null);
        project(new ApiKeyRevoked(account, keyId, T0.plusSeconds(10)));
        StoredApiKey before = apiKeys().findByHash(hash).orElseThrow();

        project(issued);
        project(new ApiKeyRevoked(account, keyId, T0.plusSeconds(20)));

        assertThat(apiKeys().findByHash(hash)).contains(before);
    }

    @Test
    void lastUseIsRecordedForManyKeysAtOnceAndNeverMovesBack() {
        AccountId account = AccountId.of(UUID.randomUUID());
        String a = id();
        String b = id();
        issue(account, a, hash(), T0, null);
        issue(account, b, hash(), T0, null);

        apiKeys().recordLastUse(Map.of(a, T0.plusSeconds(30), b, T0.plusSeconds(40), id(), T0.plusSeconds(50)));
        apiKeys().recordLastUse(Map.of(a, T0.plusSeconds(20)));

        assertThat(apiKeys().find(account, a).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(apiKeys().find(account, b).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(40));
        apiKeys().recordLastUse(Map.of());
    }

    @Test
    void aRowFromBeforeKeysWereEventsReadsLikeTheOthersAndTakesItsEventsLater() {
        AccountId account = AccountId.of(UUID.randomUUID());
        String hash = hash();
        String keyId = id();
        legacyRow(keyId, hash, "sg-Old1", account, T0);

        assertThat(apiKeys().findByHash(hash)).contains(new StoredApiKey(keyId, account, null, "sg-Old1", hash, T0,
                null, null, null));
        assertThat(apiKeys().listByAccount(account)).extracting(StoredApiKey::keyId).containsExactly(keyId);

        project(new ApiKeyIssued(account, keyId, null, "sg-Old1", hash, null, T0));
        project(new ApiKeyRevoked(account, keyId, T0.plusSeconds(60)));

        assertThat(apiKeys().findByHash(hash).orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(apiKeys().listByAccount(account)).isEmpty();
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
