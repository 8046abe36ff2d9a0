package dev.switchgear.application.service.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.InMemoryIdentityStores;
import dev.switchgear.application.fakes.InMemoryKeyLookupCache;
import dev.switchgear.application.fakes.TestClock;
import dev.switchgear.application.port.out.identity.ApiKeyStore;
import dev.switchgear.application.port.out.identity.StoredApiKey;
import dev.switchgear.domain.credit.api.ApiKeyIssued;
import dev.switchgear.domain.credit.api.ApiKeyRevoked;
import dev.switchgear.domain.shared.AccountId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    @Test
    void callersMissingTheCacheAtOnceShareOneStoreLookup() throws Exception {
        storeKey("k1");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        ApiKeyStore slow = new ReadingThrough() {
            @Override
            public Optional<StoredApiKey> findByHash(String keyHash) {
                reads.incrementAndGet();
                inside.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return store.findByHash(keyHash);
            }

        };
        KnownKeys shared = new KnownKeys(slow, new InMemoryKeyLookupCache<>(clock, Duration.ofSeconds(30)),
                new InMemoryKeyLookupCache<>(clock, Duration.ofSeconds(30)));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<StoredApiKey>>> answers = new ArrayList<>();
            answers.add(callers.submit(() -> shared.lookup(hash)));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 7; i++) {
                answers.add(callers.submit(() -> shared.lookup(hash)));
            }
            Thread.sleep(200); // the other callers reach the lookup in flight
            release.countDown();
            for (Future<Optional<StoredApiKey>> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).map(StoredApiKey::keyId).contains("k1");
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(reads).hasValue(1);
        assertThat(shared.lookup(hash)).isPresent();
        assertThat(reads).as("then answered from the cache").hasValue(1);
    }

    @Test
    void aFailedLookupFailsItsCallerAndTheNextCallerReadsTheStoreAgain() {
        AtomicInteger reads = new AtomicInteger();
        ApiKeyStore failingOnce = new ReadingThrough() {
            @Override
            public Optional<StoredApiKey> findByHash(String keyHash) {
                if (reads.incrementAndGet() == 1) {
                    throw new IllegalStateException("store down");
                }
                return store.findByHash(keyHash);
            }

        };
        storeKey("k1");
        KnownKeys known = new KnownKeys(failingOnce, new InMemoryKeyLookupCache<>(clock, Duration.ofSeconds(30)),
                new InMemoryKeyLookupCache<>(clock, Duration.ofSeconds(30)));

        assertThatThrownBy(() -> known.lookup(hash)).isInstanceOf(IllegalStateException.class);

        assertThat(known.lookup(hash)).map(StoredApiKey::keyId).contains("k1");
    }

    /** The in-memory store, with {@link #findByHash} for a test to change. */
    private class ReadingThrough implements ApiKeyStore {
        @Override
        public Optional<StoredApiKey> findByHash(String keyHash) {
            return store.findByHash(keyHash);
        }

        @Override
        public Optional<StoredApiKey> find(AccountId accountId, String keyId) {
            return store.find(accountId, keyId);
        }

        @Override
        public List<StoredApiKey> listByAccount(AccountId accountId) {
            return store.listByAccount(accountId);
        }

        @Override
        public void recordLastUse(Map<String, Instant> lastUsedByKeyId) {
            store.recordLastUse(lastUsedByKeyId);
        }
    }
}
