package dev.switchgear.application.service.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.port.in.identity.IssueApiKeyUseCase.IssuedApiKey;
import dev.switchgear.application.port.in.identity.ManageApiKeysUseCase.ApiKeyView;
import dev.switchgear.application.port.in.identity.ManageApiKeysUseCase.NewApiKey;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.fakes.InMemoryKeyLookupCache;
import dev.switchgear.application.port.out.identity.ApiKeyStore;
import dev.switchgear.application.port.out.identity.StoredApiKey;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.api.ApiKeyIssued;
import dev.switchgear.domain.credit.api.ApiKeyRevoked;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.shared.AccountId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issuing, listing and revoking an account's keys as events of the account (ADR 0016). */
class AccountKeysServiceTest {

    private final KeysFixture fixture = new KeysFixture();
    private final KeysFixture.Node node = fixture.node();
    private final AccountKeysService keys = node.keys();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void anIssuedKeyIsAnEventOfTheAccountThatHoldsItsHashAndNeverTheKey() {
        AccountId account = fixture.open();
        Instant expiry = fixture.clock.instant().plus(Duration.ofDays(30));

        IssuedApiKey issued = keys.create(Caller.of(account), account, new NewApiKey("  ci runner ", expiry, null));

        assertThat(issued.name()).isEqualTo("ci runner");
        assertThat(issued.createdAt()).isEqualTo(fixture.clock.instant());
        assertThat(issued.expiresAt()).isEqualTo(expiry);
        CreditAccountEvent last = fixture.events(account).get(fixture.events(account).size() - 1);
        assertThat(last).isEqualTo(new ApiKeyIssued(account, issued.keyId(), "ci runner", issued.prefix(),
                KeyHashing.sha256(issued.key()), expiry, fixture.clock.instant()));
        assertThat(fixture.events(account).toString()).doesNotContain(issued.key().substring(3));
    }

    @Test
    void theListShowsTheUnrevokedKeysNewestFirstAndMarksTheExpiredOnes() {
        AccountId account = fixture.open();
        IssuedApiKey first = keys.create(Caller.of(account), account, new NewApiKey("first", null, 1));
        fixture.clock.advance(Duration.ofHours(1));
        IssuedApiKey second = keys.create(Caller.of(account), account, new NewApiKey("second", null, null));
        fixture.clock.advance(Duration.ofHours(1));
        IssuedApiKey third = keys.create(Caller.of(account), account, NewApiKey.unnamed());
        keys.revoke(Caller.of(account), account, third.keyId());
        fixture.clock.advance(Duration.ofDays(1));

        List<ApiKeyView> listed = keys.list(Caller.of(account), account);

        assertThat(listed).extracting(ApiKeyView::keyId).containsExactly(second.keyId(), first.keyId());
        assertThat(listed.get(0)).isEqualTo(new ApiKeyView(second.keyId(), "second", second.prefix(),
                second.createdAt(), null, null, false));
        assertThat(listed.get(1).expired()).isTrue();
        assertThat(listed.toString()).doesNotContain(first.key().substring(3), second.key().substring(3));
    }

    @Test
    void anotherAccountsKeyIsNotFoundAndStaysLive() {
        AccountId owner = fixture.open();
        AccountId intruder = fixture.open();
        IssuedApiKey issued = keys.create(Caller.of(owner), owner, NewApiKey.unnamed());
        int events = fixture.events(owner).size();

        assertThatThrownBy(() -> keys.revoke(Caller.of(intruder), intruder, issued.keyId()))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.API_KEY_NOT_FOUND));
        assertThatThrownBy(() -> keys.revoke(Caller.of(intruder), owner, issued.keyId()))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.ACCOUNT_NOT_FOUND));
        assertThatThrownBy(() -> keys.list(Caller.of(intruder), owner)).isInstanceOf(CreditException.class);

        assertThat(fixture.events(owner)).hasSize(events);
        assertThat(node.auth().authenticate(issued.key())).isPresent();
        assertThat(keys.list(Caller.of(intruder), intruder)).isEmpty();
    }

    @Test
    void aKeyIsRevokedOnceAndThenNotFound() {
        AccountId account = fixture.open();
        IssuedApiKey issued = keys.create(Caller.of(account), account, NewApiKey.unnamed());

        keys.revoke(Caller.of(account), account, issued.keyId());

        assertThat(fixture.events(account)).last().isEqualTo(new ApiKeyRevoked(account, issued.keyId(),
                fixture.clock.instant()));
        assertThatThrownBy(() -> keys.revoke(Caller.of(account), account, issued.keyId()))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.API_KEY_NOT_FOUND));
        assertThatThrownBy(() -> keys.revoke(Caller.of(account), account, "not-an-id"))
                .isInstanceOf(CreditException.class);
    }

    @Test
    void aRevocationRacingAnotherIsNotFoundAndRecordsNothingMore() {
        AccountId account = fixture.open();
        IssuedApiKey issued = keys.create(Caller.of(account), account, NewApiKey.unnamed());
        StoredApiKey before = fixture.store.find(account, issued.keyId()).orElseThrow();
        keys.revoke(Caller.of(account), account, issued.keyId());
        int events = fixture.events(account).size();
        ApiKeyStore readBeforeTheOtherRevocation = new ApiKeyStore() {
            private boolean stale = true;

            @Override
            public Optional<StoredApiKey> findByHash(String keyHash) {
                return fixture.store.findByHash(keyHash);
            }

            @Override
            public Optional<StoredApiKey> find(AccountId accountId, String keyId) {
                if (stale) {
                    stale = false;
                    return Optional.of(before);
                }
                return fixture.store.find(accountId, keyId);
            }

            @Override
            public List<StoredApiKey> listByAccount(AccountId accountId) {
                return fixture.store.listByAccount(accountId);
            }

            @Override
            public void recordLastUse(Map<String, Instant> lastUsedByKeyId) {
                fixture.store.recordLastUse(lastUsedByKeyId);
            }
        };
        AccountKeysService racing = new AccountKeysService(readBeforeTheOtherRevocation,
                new KnownKeys(fixture.store, new InMemoryKeyLookupCache<>(fixture.clock, KeysFixture.TTL),
                        new InMemoryKeyLookupCache<>(fixture.clock, KeysFixture.TTL)),
                node.lastUse(), fixture.ledger.standings(), fixture.changes, fixture.clock, UUID::randomUUID);

        assertThatThrownBy(() -> racing.revoke(Caller.of(account), account, issued.keyId()))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.API_KEY_NOT_FOUND));
        assertThat(fixture.events(account)).hasSize(events);
    }

    @Test
    void theAdministratorManagesAnyAccountsKeysAndIssuesThroughTheSameEvents() {
        AccountId account = fixture.open();

        IssuedApiKey issued = keys.issue(Caller.administrator(), account);

        assertThat(fixture.events(account)).last().isInstanceOf(ApiKeyIssued.class);
        assertThat(keys.list(Caller.administrator(), account)).extracting(ApiKeyView::keyId)
                .containsExactly(issued.keyId());
        keys.revoke(Caller.administrator(), account, issued.keyId());
        assertThat(node.auth().authenticate(issued.key())).isEmpty();
    }

    @Test
    void onlyTheAdminIssuesThroughTheAdminRouteAndOnlyForExistingAccounts() {
        AccountId account = fixture.open();
        assertThatThrownBy(() -> keys.issue(Caller.of(account), account)).isInstanceOf(IdentityException.class);
        assertThatThrownBy(() -> keys.issue(Caller.administrator(), AccountId.of(UUID.randomUUID())))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.ACCOUNT_NOT_FOUND));
    }

    @Test
    void refusedKeysChangeNothing() {
        AccountId account = fixture.open();
        int events = fixture.events(account).size();
        Instant now = fixture.clock.instant();

        for (NewApiKey refused : List.of(new NewApiKey("x".repeat(101), null, null), new NewApiKey("", null, null),
                new NewApiKey("tab\there", null, null), new NewApiKey(null, now, null),
                new NewApiKey(null, now.minusSeconds(1), null),
                new NewApiKey(null, now.plus(Duration.ofDays(3651)), null))) {
            assertThatThrownBy(() -> keys.create(Caller.of(account), account, refused)).as(refused.toString())
                    .isInstanceOfSatisfying(CreditException.class,
                            e -> assertThat(e.code()).isEqualTo(CreditError.INVALID_API_KEY));
        }
        assertThatThrownBy(() -> new NewApiKey(null, now.plusSeconds(60), 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NewApiKey(null, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NewApiKey(null, null, 3651)).isInstanceOf(IllegalArgumentException.class);

        assertThat(fixture.events(account)).hasSize(events);
        assertThat(keys.list(Caller.of(account), account)).isEmpty();
        assertThat(fixture.store.storedHashes()).isEmpty();
    }

    @Test
    void aKeyFromBeforeKeysWereEventsKeepsWorkingAndItsRevocationIsRecorded() {
        AccountId account = fixture.open();
        String legacyKey = KeyHashing.newKey("sg-");
        String keyId = UUID.randomUUID().toString();
        Instant issuedAt = fixture.clock.instant().minus(Duration.ofDays(90));
        fixture.store.legacyRow(keyId, KeyHashing.sha256(legacyKey), legacyKey.substring(0, 7), account, issuedAt);
        assertThat(node.auth().authenticate(legacyKey)).contains(Caller.withKey(account, keyId));
        assertThat(keys.list(Caller.of(account), account)).extracting(ApiKeyView::keyId).containsExactly(keyId);

        keys.revoke(Caller.of(account), account, keyId);

        assertThat(node.auth().authenticate(legacyKey)).isEmpty();
        List<CreditAccountEvent> events = fixture.events(account);
        assertThat(events.subList(events.size() - 2, events.size())).containsExactly(
                new ApiKeyIssued(account, keyId, null, legacyKey.substring(0, 7), KeyHashing.sha256(legacyKey), null,
                        issuedAt),
                new ApiKeyRevoked(account, keyId, fixture.clock.instant()));
        assertThat(keys.list(Caller.of(account), account)).isEmpty();
    }
}
