package dev.switchgear.adapter.crypto;

import dev.switchgear.domain.shared.AccountId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Data keysets in memory, changed under a per-account lock like the PostgreSQL store's row lock. */
public class InMemoryDataKeysetStore implements DataKeysetStore {

    private final ConcurrentHashMap<AccountId, WrappedDataKey> keys = new ConcurrentHashMap<>();

    @Override
    public Optional<WrappedDataKey> find(AccountId account) {
        return Optional.ofNullable(keys.get(account));
    }

    @Override
    public WrappedDataKey update(AccountId account, Function<Optional<WrappedDataKey>, WrappedDataKey> change) {
        return keys.compute(account, (id, current) -> change.apply(Optional.ofNullable(current)));
    }

    @Override
    public void delete(AccountId account) {
        keys.remove(account);
    }

    @Override
    public List<AccountId> accounts() {
        return List.copyOf(keys.keySet());
    }

    @Override
    public Map<Long, Integer> countByMasterKey() {
        Map<Long, Integer> counts = new TreeMap<>();
        keys.values().forEach(k -> counts.merge(k.masterKeyId(), 1, Integer::sum));
        return counts;
    }

    /** Replaces an account's stored keyset by another's, as an attacker with database access could. */
    public void put(AccountId account, WrappedDataKey key) {
        keys.put(account, key);
    }
}
