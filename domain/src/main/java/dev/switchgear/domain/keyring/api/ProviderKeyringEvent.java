package dev.switchgear.domain.keyring.api;

import dev.switchgear.domain.shared.AccountId;

/** Every event of an account's keyring stream. */
public sealed interface ProviderKeyringEvent permits ProviderKeyAdded, ProviderKeyReplaced, ProviderKeyTested,
        ProviderKeyRemoved, KeyringErased {

    /** The account whose keyring the event belongs to. */
    AccountId accountId();
}
