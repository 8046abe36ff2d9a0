package dev.switchgear.adapter.crypto;

import dev.switchgear.domain.shared.AccountId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where {@link TinkKeyVault} keeps each keyring's data keyset, only ever wrapped by the master
 * keyset. This is the vault's own storage, not a port of the application: no service reads or
 * writes a wrapped keyset, only the vault can make sense of one, and its read-modify-write happens
 * inside the vault's cryptographic operations. Bootstrap wires it to the database.
 *
 * <p>The store is deliberately outside the event store: deleting a row is what crypto-shredding
 * destroys, while the events that hold the ciphertexts are never rewritten.
 */
public interface DataKeysetStore {

    /** A data keyset encrypted under the master key version {@code masterKeyId}. */
    record WrappedDataKey(byte[] wrapped, long masterKeyId) {
    }

    Optional<WrappedDataKey> find(AccountId account);

    /**
     * Changes an account's wrapped data keyset under a lock on it (concurrent changes, on this node
     * or another, are serialised) and returns what was stored; the change sees the current value.
     * When the change throws, nothing is stored.
     */
    WrappedDataKey update(AccountId account, Function<Optional<WrappedDataKey>, WrappedDataKey> change);

    /** Deletes the account's data keyset for good. */
    void delete(AccountId account);

    /** Every account that has a data keyset. */
    List<AccountId> accounts();

    /** How many data keysets each master key version wraps. */
    Map<Long, Integer> countByMasterKey();
}
