package dev.switchgear.application.port.in.limit;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.Tier;
import java.util.Optional;

/**
 * An account's rate limits (ADR 0017): its tier's defaults, the administrator's overrides, and what
 * is in force. The account itself and the administrator may read them; only the administrator
 * overrides them.
 */
public interface RateLimitsUseCase {

    /** The limits in force on the account; ACCOUNT_NOT_FOUND when the caller may not see it. */
    EffectiveRateLimits effective(Caller caller, AccountId account);

    /**
     * Overrides the account's limits (an empty one: the tier's default again) and returns what is in
     * force then; the administrator only (INVALID_LIMIT when a limit is out of range).
     */
    EffectiveRateLimits override(Caller caller, AccountId account, Optional<Integer> requestsPerMinute,
                                 Optional<Long> tokensPerMinute);

    /** The limits in force, the tier's defaults they replace, and the overrides (empty: none). */
    record EffectiveRateLimits(AccountId account, Tier tier, long requestsPerMinute, long tokensPerMinute,
                               long tierRequestsPerMinute, long tierTokensPerMinute,
                               Optional<Integer> requestsOverride, Optional<Long> tokensOverride) {
    }
}
