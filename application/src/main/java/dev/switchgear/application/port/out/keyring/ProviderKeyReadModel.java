package dev.switchgear.application.port.out.keyring;

import dev.switchgear.domain.shared.AccountId;
import java.util.List;

/** The keyring read model: each account's live (not removed, not erased) keys, oldest first. */
public interface ProviderKeyReadModel {

    List<StoredProviderKey> keysOf(AccountId account);
}
