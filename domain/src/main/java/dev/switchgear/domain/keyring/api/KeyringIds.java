package dev.switchgear.domain.keyring.api;

import dev.switchgear.domain.shared.AccountId;

/**
 * The aggregate identifier of an account's keyring: {@code keyring-<account id>}, so its event
 * stream is apart from the account's CreditAccount stream (the event store keys streams by
 * identifier alone).
 */
public enum KeyringIds {
    ;

    public static String of(AccountId account) {
        return "keyring-" + account.value();
    }
}
