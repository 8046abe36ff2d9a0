package dev.switchgear.bootstrap;

import dev.switchgear.adapter.crypto.DataKeysetStore;
import dev.switchgear.adapter.persistence.readmodel.JooqWrappedDataKeys;
import dev.switchgear.domain.shared.AccountId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The key vault's storage ({@link DataKeysetStore}, the crypto adapter's) on the
 * {@code keyring_data_key} table ({@link JooqWrappedDataKeys}, the persistence adapter's). Adapters
 * do not know each other, so the two meet here.
 */
final class DataKeysetsOnPostgres implements DataKeysetStore {

    private final JooqWrappedDataKeys table;

    DataKeysetsOnPostgres(JooqWrappedDataKeys table) {
        this.table = table;
    }

    @Override
    public Optional<WrappedDataKey> find(AccountId account) {
        return table.find(account).map(DataKeysetsOnPostgres::toVault);
    }

    @Override
    public WrappedDataKey update(AccountId account, Function<Optional<WrappedDataKey>, WrappedDataKey> change) {
        return toVault(table.update(account, current -> toRow(change.apply(current.map(DataKeysetsOnPostgres::toVault)))));
    }

    @Override
    public void delete(AccountId account) {
        table.delete(account);
    }

    @Override
    public List<AccountId> accounts() {
        return table.accounts();
    }

    @Override
    public Map<Long, Integer> countByMasterKey() {
        return table.countByMasterKey();
    }

    private static WrappedDataKey toVault(JooqWrappedDataKeys.WrappedDataKey row) {
        return new WrappedDataKey(row.wrapped(), row.masterKeyId());
    }

    private static JooqWrappedDataKeys.WrappedDataKey toRow(WrappedDataKey key) {
        return new JooqWrappedDataKeys.WrappedDataKey(key.wrapped(), key.masterKeyId());
    }
}
