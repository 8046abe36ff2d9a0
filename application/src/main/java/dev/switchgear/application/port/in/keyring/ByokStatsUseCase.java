package dev.switchgear.application.port.in.keyring;

import dev.switchgear.application.port.in.shared.Caller;

/** A caller's BYOK picture. */
public interface ByokStatsUseCase {

    /** Key counts and the caller's BYOK usage. */
    ByokStats stats(Caller caller);
}
