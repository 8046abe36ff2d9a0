package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;

/**
 * Every low-rate command a credit account's aggregate handles (usage charges are decided on the
 * request path instead: {@link ChargeUsage}, ADR 0004).
 */
public sealed interface CreditAccountCommand permits OpenAccount, GrantCredits, SetMonthlyCap,
        SetLowBalanceThreshold, RecordPurchase, RecordRefund, RecordPaymentFailure, RefundCredits, ChoosePowerLevel,
        SetByokPreference, AdoptLegacyPreferences, ChangeTier, SetRateLimits, IssueApiKey, RevokeApiKey {

    /** The account the command is for. */
    AccountId accountId();
}
