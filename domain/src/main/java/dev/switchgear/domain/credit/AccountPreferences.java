package dev.switchgear.domain.credit;

import dev.switchgear.domain.credit.api.AdoptLegacyPreferences;
import dev.switchgear.domain.credit.api.ByokPreferenceSet;
import dev.switchgear.domain.credit.api.ChoosePowerLevel;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.credit.api.PowerLevelChosen;
import dev.switchgear.domain.credit.api.RateLimitsSet;
import dev.switchgear.domain.credit.api.SetByokPreference;
import dev.switchgear.domain.credit.api.SetRateLimits;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.PowerLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of what an account chose for itself, or an administrator for it, that is not money:
 * the power level and BYOK preference its requests are routed by (ADR 0012), and its overrides of
 * the tier's rate limits (ADR 0017). Part of a {@link CreditPosition}.
 */
final class AccountPreferences {

    private static final int MAX_REQUESTS_PER_MINUTE = 1_000_000;
    private static final long MAX_TOKENS_PER_MINUTE = 10_000_000_000L;

    private final AccountId accountId;
    private PowerLevel powerLevel;
    private Boolean preferByok;
    private Integer requestsPerMinute;
    private Long tokensPerMinute;

    AccountPreferences(AccountId accountId) {
        this.accountId = accountId;
    }

    /** An independent copy. */
    AccountPreferences copy() {
        AccountPreferences copy = new AccountPreferences(accountId);
        copy.powerLevel = powerLevel;
        copy.preferByok = preferByok;
        copy.requestsPerMinute = requestsPerMinute;
        copy.tokensPerMinute = tokensPerMinute;
        return copy;
    }

    PowerLevelChosen decide(ChoosePowerLevel command) {
        if (command.level() == null) {
            throw new CreditException(CreditError.INVALID_PREFERENCE, "power_level is eco, balanced or precision");
        }
        return new PowerLevelChosen(accountId, command.level(), command.at());
    }

    /** The legacy preferences the account has not replaced with its own choice since; none twice. */
    List<CreditAccountEvent> decide(AdoptLegacyPreferences command) {
        List<CreditAccountEvent> events = new ArrayList<>(2);
        if (command.level() != null && powerLevel == null) {
            events.add(new PowerLevelChosen(accountId, command.level(), command.levelChosenAt()));
        }
        if (command.preferByok() != null && preferByok == null) {
            events.add(new ByokPreferenceSet(accountId, command.preferByok(), command.byokSetAt()));
        }
        return events;
    }

    ByokPreferenceSet decide(SetByokPreference command) {
        return new ByokPreferenceSet(accountId, command.preferByok(), command.at());
    }

    /** Overrides of the tier's rate limits: each at least 1, requests at most 10^6 and tokens 10^10 a minute. */
    RateLimitsSet decide(SetRateLimits command) {
        Integer requests = command.requestsPerMinute();
        Long tokens = command.tokensPerMinute();
        if (requests != null && (requests < 1 || requests > MAX_REQUESTS_PER_MINUTE)) {
            throw new CreditException(CreditError.INVALID_LIMIT, "requests per minute must be 1 to 1,000,000");
        }
        if (tokens != null && (tokens < 1 || tokens > MAX_TOKENS_PER_MINUTE)) {
            throw new CreditException(CreditError.INVALID_LIMIT, "tokens per minute must be 1 to 10,000,000,000");
        }
        return new RateLimitsSet(accountId, requests, tokens, command.at());
    }

    void apply(PowerLevelChosen event) {
        powerLevel = event.level();
    }

    void apply(ByokPreferenceSet event) {
        preferByok = event.preferByok();
    }

    void apply(RateLimitsSet event) {
        requestsPerMinute = event.requestsPerMinute();
        tokensPerMinute = event.tokensPerMinute();
    }

    PowerLevel powerLevel() {
        return powerLevel == null ? PowerLevel.BALANCED : powerLevel;
    }

    boolean prefersByok() {
        return preferByok == null || preferByok;
    }

    boolean hasChosenPowerLevel() {
        return powerLevel != null;
    }

    boolean hasSetByokPreference() {
        return preferByok != null;
    }

    Optional<Integer> requestsPerMinute() {
        return Optional.ofNullable(requestsPerMinute);
    }

    Optional<Long> tokensPerMinute() {
        return Optional.ofNullable(tokensPerMinute);
    }
}
