package dev.switchgear.domain.routing.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An account set whether its requests use its own provider keys (not a catalog change). */
@Revision("1")
public record ByokPreferenceSet(AccountId accountId, boolean preferByok, Instant at) {
}
