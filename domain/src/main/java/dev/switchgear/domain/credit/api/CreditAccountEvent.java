package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;

/**
 * Every event of a credit account's stream. Sealed, so a fold over an account's history
 * ({@link dev.switchgear.domain.credit.CreditPosition#apply}) handles each kind and nothing else.
 */
public sealed interface CreditAccountEvent permits AccountOpened, CreditsGranted, UsageCharged, MonthlyCapSet,
        LowBalanceThresholdSet, LowBalanceReached, CreditsPurchased, CreditsRefunded, RefundPending, PaymentFailed,
        PowerLevelChosen, ByokPreferenceSet, TierChanged, RateLimitsSet, ApiKeyIssued, ApiKeyRevoked,
        RequestFailed {

    /** The account whose stream the event belongs to. */
    AccountId accountId();
}
