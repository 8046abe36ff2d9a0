package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An account's rate limits were overridden (a null limit: the tier's default again). */
@Revision("1")
public record RateLimitsSet(AccountId accountId, Integer requestsPerMinute, Long tokensPerMinute, Instant at)
        implements CreditAccountEvent {
}
