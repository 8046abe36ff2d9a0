package dev.switchgear.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.adapter.crypto.DataKeysetStore.WrappedDataKey;
import dev.switchgear.domain.shared.AccountId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * What the key vault's storage must do: an update sees the current keyset and stores what it
 * returns, nothing when it throws, concurrent updates of one keyring are serialised; deletion is
 * for good. Run against the in-memory store and, in bootstrap, against {@code keyring_data_key}
 * on PostgreSQL. The stores may be shared with other tests, so each test uses its own accounts and
 * master key ids.
 */
public abstract class DataKeysetStoreContract {

    protected abstract DataKeysetStore store();

    private static long masterKeyId() {
        return ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE);
    }

    @Test
    void anUpdateSeesWhatIsStoredAndStoresWhatItReturns() {
        AccountId account = AccountId.of(UUID.randomUUID());
        long master = masterKeyId();
        List<Optional<WrappedDataKey>> seen = new ArrayList<>();

        store().update(account, current -> {
            seen.add(current);
            return new WrappedDataKey(new byte[] {1}, master);
        });
        WrappedDataKey second = store().update(account, current -> {
            seen.add(current);
            return new WrappedDataKey(new byte[] {1, 2}, master);
        });

        assertThat(seen.get(0)).isEmpty();
        assertThat(seen.get(1).orElseThrow().wrapped()).containsExactly(1);
        assertThat(second.wrapped()).containsExactly(1, 2);
        assertThat(store().find(account).orElseThrow().wrapped()).containsExactly(1, 2);
        assertThat(store().find(account).orElseThrow().masterKeyId()).isEqualTo(master);
        assertThat(store().find(AccountId.of(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void anUpdateThatThrowsStoresNothing() {
        AccountId account = AccountId.of(UUID.randomUUID());
        long master = masterKeyId();
        store().update(account, current -> new WrappedDataKey(new byte[] {7}, master));

        assertThatThrownBy(() -> store().update(account, current -> {
            throw new IllegalStateException("refused");
        })).hasMessageContaining("refused");

        assertThat(store().find(account).orElseThrow().wrapped()).containsExactly(7);
    }

    @Test
    void aDeletedKeysetIsGoneForGood() {
        AccountId account = AccountId.of(UUID.randomUUID());
        AccountId other = AccountId.of(UUID.randomUUID());
        long master = masterKeyId();
        store().update(account, current -> new WrappedDataKey(new byte[] {1}, master));
        store().update(other, current -> new WrappedDataKey(new byte[] {2}, master));

        store().delete(account);

        assertThat(store().find(account)).isEmpty();
        assertThat(store().accounts()).doesNotContain(account).contains(other);
        assertThat(store().find(other)).isPresent();
        List<Optional<WrappedDataKey>> seen = new ArrayList<>();
        store().update(account, current -> {
            seen.add(current);
            return new WrappedDataKey(new byte[] {3}, master);
        });
        assertThat(seen.get(0)).isEmpty();
    }

    @Test
    void everyKeysetIsListedAndCountedByItsMasterKeyVersion() {
        AccountId a = AccountId.of(UUID.randomUUID());
        AccountId b = AccountId.of(UUID.randomUUID());
        AccountId c = AccountId.of(UUID.randomUUID());
        long v1 = masterKeyId();
        long v2 = v1 + 1;
        store().update(a, current -> new WrappedDataKey(new byte[] {1}, v1));
        store().update(b, current -> new WrappedDataKey(new byte[] {1}, v1));
        store().update(c, current -> new WrappedDataKey(new byte[] {1}, v2));

        assertThat(store().accounts()).contains(a, b, c);
        assertThat(store().countByMasterKey()).containsEntry(v1, 2).containsEntry(v2, 1);
    }

    @Test
    void concurrentUpdatesOfOneKeysetAreSerialised() throws Exception {
        AccountId account = AccountId.of(UUID.randomUUID());
        long master = masterKeyId();
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<WrappedDataKey>> done = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                done.add(pool.submit(() -> store().update(account, current -> {
                    byte[] before = current.map(WrappedDataKey::wrapped).orElse(new byte[0]);
                    byte[] after = java.util.Arrays.copyOf(before, before.length + 1);
                    after[before.length] = (byte) before.length;
                    return new WrappedDataKey(after, master);
                })));
            }
            for (Future<WrappedDataKey> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(store().find(account).orElseThrow().wrapped()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }
}
