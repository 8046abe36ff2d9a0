package dev.switchgear.application.service.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.application.fakes.InMemoryIdentityStores;
import dev.switchgear.application.fakes.InMemoryKeyLookupCache;
import dev.switchgear.application.fakes.TestClock;
import dev.switchgear.application.port.out.identity.StoredApiKey;
import dev.switchgear.domain.credit.api.ApiKeyIssued;
import dev.switchgear.domain.credit.api.ApiKeyRevoked;
import dev.switchgear.domain.shared.AccountId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hit and miss caches in front of the key store. */
class KnownKeysTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-06-15T12:00:00Z"));
    private final InMemoryIdentityStores store = new InMemoryIdentityStores();
    private final KnownKeys known = new KnownKeys(store, new InMemoryKeyLookupCache<>(clock, Duration.ofSeconds(30)),
            new InMemoryKeyLookupCache<>(clock, Duration.ofSeconds(30)));
    private final AccountId account = AccountId.of(UUID.randomUUID());
    private final String hash = KeyHashing.sha256("sg-" + UUID.randomUUID());

    private void storeKey(String keyId) {
        store.project(new ApiKeyIssued(account, keyId, null, "sg-Ab12", hash, null, clock.instant()));
    }

    @Test
    void aKeyIssuedHereIsFoundEvenIfItsHashWasCachedAsUnknown() {
        assertThat(known.lookup(hash)).isEmpty();
        storeKey("k1");
        assertThat(known.lookup(hash)).as("still remembered as unknown").isEmpty();

        known.issued(hash);

        assertThat(known.lookup(hash)).map(StoredApiKey::keyId).contains("k1");
    }

    @Test
    void aRevokedKeyIsRememberedAsMissingEvenIfALookupCachedItLiveAfterwards() {
        storeKey("k1");
        assertThat(known.lookup(hash)).isPresent();
        store.project(new ApiKeyRevoked(account, "k1", clock.instant()));

        known.revoked(hash);

        assertThat(known.lookup(hash)).isEmpty();
        int lookups = store.hashLookups();
        assertThat(known.lookup(hash)).isEmpty();
        assertThat(store.hashLookups()).isEqualTo(lookups);
    }

    @Test
    void aRevokedRowIsCachedAsMissing() {
        storeKey("k1");
        store.project(new ApiKeyRevoked(account, "k1", clock.instant()));

        assertThat(known.lookup(hash)).isEmpty();
        assertThat(known.lookup(hash)).isEmpty();

        assertThat(store.hashLookups()).isEqualTo(1);
    }
}
