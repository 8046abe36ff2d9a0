package dev.switchgear.application.service.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.port.in.identity.IssueApiKeyUseCase.IssuedApiKey;
import dev.switchgear.application.port.in.identity.ManageApiKeysUseCase.NewApiKey;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.shared.AccountId;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Authentication of the admin key and account keys, with the caches and the last-use batching of ADR 0016. */
class ApiKeyServiceTest {

    private final KeysFixture fixture = new KeysFixture();
    private final KeysFixture.Node node = fixture.node();
    private final ApiKeyService service = node.auth();

    @AfterEach
    void close() {
        fixture.close();
    }

    private IssuedApiKey issue(KeysFixture.Node on, AccountId account, NewApiKey request) {
        return on.keys().create(Caller.of(account), account, request);
    }

    @Test
    void aGeneratedAdminKeyIsShownOnceAndStoredOnlyAsItsHash() {
        Optional<String> generated = service.initialiseAdminKey(Optional.empty());
        assertThat(generated).isPresent();
        assertThat(fixture.store.adminKeyHash()).hasValueSatisfying(hash -> assertThat(hash).hasSize(64)
                .isNotEqualTo(generated.get()));
        assertThat(service.initialiseAdminKey(Optional.empty())).isEmpty();
        assertThat(service.authenticate(generated.get())).contains(Caller.administrator());
    }

    @Test
    void aConfiguredAdminKeyReplacesTheStoredOne() {
        String old = service.initialiseAdminKey(Optional.empty()).orElseThrow();
        service.initialiseAdminKey(Optional.of("configured-admin-key-123"));
        assertThat(service.authenticate("configured-admin-key-123")).contains(Caller.administrator());
        assertThat(service.authenticate(old)).isEmpty();
        assertThatThrownBy(() -> service.initialiseAdminKey(Optional.of("short")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIssuedKeyAuthenticatesAsThatKeyOfItsAccountAndIsStoredOnlyAsAHash() {
        AccountId account = fixture.open();

        IssuedApiKey issued = issue(node, account, NewApiKey.unnamed());

        assertThat(issued.key()).startsWith("sg-").hasSize(46).startsWith(issued.prefix());
        assertThat(issued.toString()).doesNotContain(issued.key());
        assertThat(fixture.store.storedHashes()).hasSize(1).noneMatch(hash -> hash.contains(issued.key().substring(3)));
        assertThat(service.authenticate(issued.key())).contains(Caller.withKey(account, issued.keyId()));
        assertThat(service.authenticate(issued.key() + "x")).isEmpty();
        assertThat(service.authenticate("")).isEmpty();
        assertThat(service.authenticate(null)).isEmpty();
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceOnTheNodeThatRevokedIt() {
        AccountId account = fixture.open();
        IssuedApiKey issued = issue(node, account, NewApiKey.unnamed());
        assertThat(service.authenticate(issued.key())).isPresent();

        node.keys().revoke(Caller.of(account), account, issued.keyId());

        assertThat(service.authenticate(issued.key())).isEmpty();
    }

    @Test
    void aKeyStopsWorkingAtTheInstantItExpires() {
        AccountId account = fixture.open();
        IssuedApiKey issued = issue(node, account, new NewApiKey("ci", null, 1));
        assertThat(issued.expiresAt()).isEqualTo(fixture.clock.instant().plus(Duration.ofDays(1)));

        fixture.clock.advance(Duration.ofDays(1).minusMillis(1));
        assertThat(service.authenticate(issued.key())).isPresent();

        fixture.clock.advance(Duration.ofMillis(1));
        assertThat(service.authenticate(issued.key())).isEmpty();
    }

    @Test
    void repeatedLookupsOfOneUnknownKeyCostOneStoreQueryPerCacheLifetime() {
        String unknown = "sg-" + "u".repeat(43);
        int before = fixture.store.hashLookups();

        for (int i = 0; i < 50; i++) {
            assertThat(service.authenticate(unknown)).isEmpty();
        }
        assertThat(fixture.store.hashLookups() - before).isEqualTo(1);

        fixture.clock.advance(KeysFixture.TTL);
        assertThat(service.authenticate(unknown)).isEmpty();
        assertThat(fixture.store.hashLookups() - before).isEqualTo(2);
    }

    @Test
    void aLiveKeyIsLookedUpOncePerCacheLifetimeAndTokensOfAnotherShapeNever() {
        AccountId account = fixture.open();
        IssuedApiKey issued = issue(node, account, NewApiKey.unnamed());
        int before = fixture.store.hashLookups();

        for (int i = 0; i < 50; i++) {
            assertThat(service.authenticate(issued.key())).isPresent();
            assertThat(service.authenticate("not-a-gateway-key-" + i)).isEmpty();
        }

        assertThat(fixture.store.hashLookups() - before).isEqualTo(1);
    }

    @Test
    void aRevocationOnOneNodeStopsTheKeyOnAnotherWithinTheCacheTime() {
        KeysFixture.Node other = fixture.node();
        AccountId account = fixture.open();
        IssuedApiKey issued = issue(node, account, NewApiKey.unnamed());
        assertThat(other.auth().authenticate(issued.key())).isPresent();

        node.keys().revoke(Caller.of(account), account, issued.keyId());

        assertThat(node.auth().authenticate(issued.key())).isEmpty();
        fixture.clock.advance(KeysFixture.TTL.minusMillis(1));
        assertThat(other.auth().authenticate(issued.key())).as("still cached on the other node").isPresent();
        fixture.clock.advance(Duration.ofMillis(1));
        assertThat(other.auth().authenticate(issued.key())).isEmpty();
    }

    @Test
    void aKeyIssuedOnAnotherNodeWorksHereAtOnce() {
        KeysFixture.Node other = fixture.node();
        AccountId account = fixture.open();

        IssuedApiKey issued = issue(other, account, NewApiKey.unnamed());

        assertThat(service.authenticate(issued.key())).contains(Caller.withKey(account, issued.keyId()));
    }

    @Test
    void useIsRecordedInMemoryAndWrittenInOneBatchByTheFlush() {
        AccountId account = fixture.open();
        IssuedApiKey first = issue(node, account, NewApiKey.unnamed());
        IssuedApiKey second = issue(node, account, NewApiKey.unnamed());
        fixture.clock.advance(Duration.ofSeconds(5));
        service.authenticate(first.key());
        service.authenticate(second.key());
        fixture.clock.advance(Duration.ofSeconds(1));
        service.authenticate(first.key());

        assertThat(fixture.store.find(account, first.keyId()).orElseThrow().lastUsedAt()).isNull();
        assertThat(node.keys().list(Caller.of(account), account)).filteredOn(k -> k.keyId().equals(first.keyId()))
                .singleElement().satisfies(k -> assertThat(k.lastUsedAt()).isEqualTo(fixture.clock.instant()));

        assertThat(node.lastUse().flush()).isEqualTo(2);

        assertThat(fixture.store.find(account, first.keyId()).orElseThrow().lastUsedAt())
                .isEqualTo(fixture.clock.instant());
        assertThat(fixture.store.find(account, second.keyId()).orElseThrow().lastUsedAt())
                .isEqualTo(fixture.clock.instant().minusSeconds(1));
        assertThat(node.lastUse().flush()).isZero();
    }
}
