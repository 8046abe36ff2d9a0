package dev.switchgear.application.port.in.credit;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.shared.Tier;
import java.util.Optional;

/**
 * What the request path needs to know of an account: its tier, its own routing preferences, and
 * the rate limits an administrator set for it in place of its tier's (empty: the tier's default).
 */
public record AccountStanding(AccountId accountId, Tier tier, PowerLevel powerLevel, boolean prefersByok,
                              Optional<Integer> requestsPerMinute, Optional<Long> tokensPerMinute) {

    public AccountStanding {
        requestsPerMinute = requestsPerMinute == null ? Optional.empty() : requestsPerMinute;
        tokensPerMinute = tokensPerMinute == null ? Optional.empty() : tokensPerMinute;
    }

    /** An account on its tier's rate limits. */
    public AccountStanding(AccountId accountId, Tier tier, PowerLevel powerLevel, boolean prefersByok) {
        this(accountId, tier, powerLevel, prefersByok, Optional.empty(), Optional.empty());
    }
}
