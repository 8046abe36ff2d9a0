package dev.switchgear.domain.keyring.api;

import dev.switchgear.domain.shared.AccountId;

/** Every command an account's keyring handles. */
public sealed interface ProviderKeyringCommand permits AddProviderKey, RecordKeyTest, RemoveProviderKeys,
        EraseKeyring {

    /** The account whose keyring the command is for. */
    AccountId accountId();
}
