package dev.switchgear.application.port.in.usage;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;

/** Usage analytics read from the usage read model. */
public interface QueryUsageUseCase {

    /** The account's charged requests in [from, to), newest first, with totals over the whole range. */
    UsageReport usage(Caller caller, AccountId accountId, Instant from, Instant to);
}
