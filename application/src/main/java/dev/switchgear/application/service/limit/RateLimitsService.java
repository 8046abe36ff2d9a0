package dev.switchgear.application.service.limit;

import dev.switchgear.application.port.in.credit.AccountChanges;
import dev.switchgear.application.port.in.credit.AccountStanding;
import dev.switchgear.application.port.in.credit.AccountStandings;
import dev.switchgear.application.port.in.limit.RateLimitsUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.out.limit.RateLimiter;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.api.SetRateLimits;
import dev.switchgear.domain.shared.AccountId;
import java.time.Clock;
import java.util.Optional;

/**
 * Reads an account's rate limits and records the administrator's overrides on the account itself
 * ({@link SetRateLimits} through the ledger's {@link AccountChanges}), where admission reads them.
 */
public class RateLimitsService implements RateLimitsUseCase {

    private final AccountStandings standings;
    private final AccountChanges changes;
    private final TierRateLimits tiers;
    private final Clock clock;

    public RateLimitsService(AccountStandings standings, AccountChanges changes, TierRateLimits tiers, Clock clock) {
        this.standings = standings;
        this.changes = changes;
        this.tiers = tiers;
        this.clock = clock;
    }

    @Override
    public EffectiveRateLimits effective(Caller caller, AccountId account) {
        if (!caller.canSee(account)) {
            throw notFound();
        }
        return view(standings.standing(account).orElseThrow(RateLimitsService::notFound));
    }

    @Override
    public EffectiveRateLimits override(Caller caller, AccountId account, Optional<Integer> requestsPerMinute,
                                        Optional<Long> tokensPerMinute) {
        if (!caller.admin()) {
            throw new IdentityException(IdentityError.ADMIN_REQUIRED, "this call needs the admin key");
        }
        standings.standing(account).orElseThrow(RateLimitsService::notFound);
        changes.execute(account, new SetRateLimits(account, requestsPerMinute.orElse(null),
                tokensPerMinute.orElse(null), clock.instant()));
        return view(standings.standing(account).orElseThrow(RateLimitsService::notFound));
    }

    private EffectiveRateLimits view(AccountStanding standing) {
        RateLimiter.Limits tier = tiers.of(standing.tier());
        RateLimiter.Limits inForce = tiers.inForce(standing);
        return new EffectiveRateLimits(standing.accountId(), standing.tier(), inForce.requestsPerMinute(),
                inForce.tokensPerMinute(), tier.requestsPerMinute(), tier.tokensPerMinute(),
                standing.requestsPerMinute(), standing.tokensPerMinute());
    }

    private static CreditException notFound() {
        return new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
    }
}
