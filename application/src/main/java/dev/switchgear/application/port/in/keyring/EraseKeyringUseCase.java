package dev.switchgear.application.port.in.keyring;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.shared.AccountId;

/** An account erases its own keyring; the administrator may erase any. */
public interface EraseKeyringUseCase {

    /** Erases a keyring and destroys its data key (crypto-shredding). Returns how many keys went. */
    int erase(Caller caller, AccountId account);
}
