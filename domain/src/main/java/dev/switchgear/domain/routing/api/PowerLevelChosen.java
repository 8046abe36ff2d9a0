package dev.switchgear.domain.routing.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An account chose its power level (not a catalog change: the version stays). */
@Revision("1")
public record PowerLevelChosen(AccountId accountId, PowerLevel level, Instant at) {
}
