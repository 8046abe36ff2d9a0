package dev.switchgear.domain.credit;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.ApiKeyIssued;
import dev.switchgear.domain.credit.api.ApiKeyRevoked;
import dev.switchgear.domain.credit.api.ChangeTier;
import dev.switchgear.domain.credit.api.IssueApiKey;
import dev.switchgear.domain.credit.api.RateLimitsSet;
import dev.switchgear.domain.credit.api.RevokeApiKey;
import dev.switchgear.domain.credit.api.SetRateLimits;
import dev.switchgear.domain.credit.api.TierChanged;
import dev.switchgear.domain.credit.api.AdoptLegacyPreferences;
import dev.switchgear.domain.credit.api.ByokPreferenceSet;
import dev.switchgear.domain.credit.api.ChoosePowerLevel;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.credit.api.ChargeUsage;
import dev.switchgear.domain.credit.api.CreditsGranted;
import dev.switchgear.domain.credit.api.CreditsPurchased;
import dev.switchgear.domain.credit.api.CreditsRefunded;
import dev.switchgear.domain.credit.api.GrantCredits;
import dev.switchgear.domain.credit.api.LowBalanceReached;
import dev.switchgear.domain.credit.api.LowBalanceThresholdSet;
import dev.switchgear.domain.credit.api.MonthlyCapSet;
import dev.switchgear.domain.credit.api.PaymentFailed;
import dev.switchgear.domain.credit.api.PowerLevelChosen;
import dev.switchgear.domain.credit.api.RecordPaymentFailure;
import dev.switchgear.domain.credit.api.RecordPurchase;
import dev.switchgear.domain.credit.api.RecordRefund;
import dev.switchgear.domain.credit.api.RefundCredits;
import dev.switchgear.domain.credit.api.SetByokPreference;
import dev.switchgear.domain.credit.api.SetLowBalanceThreshold;
import dev.switchgear.domain.credit.api.SetMonthlyCap;
import dev.switchgear.domain.credit.api.RefundPending;
import dev.switchgear.domain.credit.api.RecordRequestFailure;
import dev.switchgear.domain.credit.api.RequestFailed;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.TokenUsage;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.shared.RequestId;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The state of one credit account and every decision taken on it. The {@link CreditAccount}
 * aggregate folds its events into a position, and so does the request-path ledger, which holds
 * positions in memory; both decide with the same methods, so there is one set of rules.
 *
 * <p>Not thread-safe: each position has a single writer (the aggregate's unit of work, or the
 * ledger's per-account lock).
 */
public final class CreditPosition {

    private final AccountId accountId;
    private final String name;
    private Tier tier;
    private MicroCredits balance = MicroCredits.ZERO;
    private final RecentRequestIds recentCharges;
    private MicroCredits monthlyCap;
    private YearMonth spendMonth;
    private MicroCredits monthSpent = MicroCredits.ZERO;
    private MicroCredits threshold;
    private MicroCredits lastPurchase = MicroCredits.ZERO;
    private boolean lowBalance;
    private final Payments payments;
    private final AccountPreferences preferences;
    private final AccountKeys keys;

    private CreditPosition(AccountId accountId, String name, Tier tier) {
        this.accountId = accountId;
        this.name = name;
        this.tier = tier;
        this.recentCharges = new RecentRequestIds();
        this.payments = new Payments(accountId);
        this.preferences = new AccountPreferences(accountId);
        this.keys = new AccountKeys(accountId);
    }

    private CreditPosition(CreditPosition other) {
        this.accountId = other.accountId;
        this.name = other.name;
        this.tier = other.tier;
        this.balance = other.balance;
        this.recentCharges = new RecentRequestIds(other.recentCharges);
        this.monthlyCap = other.monthlyCap;
        this.spendMonth = other.spendMonth;
        this.monthSpent = other.monthSpent;
        this.threshold = other.threshold;
        this.lastPurchase = other.lastPurchase;
        this.lowBalance = other.lowBalance;
        this.payments = other.payments.copy();
        this.preferences = other.preferences.copy();
        this.keys = other.keys.copy();
    }

    /**
     * An independent copy: what applies to one does not change the other. The ledger keeps the
     * position its store holds apart from the one with its unstored charges applied (ADR 0030).
     */
    public CreditPosition copy() {
        return new CreditPosition(this);
    }

    public static CreditPosition opened(AccountOpened event) {
        return new CreditPosition(event.accountId(), event.name(), event.tier());
    }

    /**
     * Rebuilds a position from an account's whole history, oldest first: the replay that audits
     * use to check a balance against its events. The first event must open the account.
     */
    public static CreditPosition replay(Iterable<? extends CreditAccountEvent> history) {
        CreditPosition position = null;
        for (CreditAccountEvent event : history) {
            if (event instanceof AccountOpened opened) {
                if (position != null) {
                    throw new IllegalStateException("an account is opened once");
                }
                position = opened(opened);
            } else if (position == null) {
                throw new IllegalStateException("history must start with AccountOpened");
            } else {
                position.apply(event);
            }
        }
        if (position == null) {
            throw new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
        }
        return position;
    }

    /**
     * Applies any event of this account's stream, as the aggregate and the request-path ledger both
     * do. Opening is {@link #opened}: a second {@link AccountOpened} is refused.
     */
    public void apply(CreditAccountEvent event) {
        if (event instanceof CreditsGranted e) {
            apply(e);
        } else if (event instanceof UsageCharged e) {
            apply(e);
        } else if (event instanceof MonthlyCapSet e) {
            monthlyCap = e.cap();
        } else if (event instanceof LowBalanceThresholdSet e) {
            threshold = e.threshold();
            lowBalance = lowBalance && balance.isLessThan(effectiveThreshold());
        } else if (event instanceof LowBalanceReached) {
            lowBalance = true;
        } else if (event instanceof CreditsPurchased e) {
            apply(e);
        } else if (event instanceof CreditsRefunded e) {
            apply(e);
        } else if (event instanceof RefundPending e) {
            payments.apply(e);
        } else if (event instanceof PaymentFailed e) {
            payments.apply(e);
        } else if (event instanceof PowerLevelChosen e) {
            preferences.apply(e);
        } else if (event instanceof ByokPreferenceSet e) {
            preferences.apply(e);
        } else if (event instanceof TierChanged e) {
            tier = e.tier();
        } else if (event instanceof RateLimitsSet e) {
            preferences.apply(e);
        } else if (event instanceof ApiKeyIssued e) {
            keys.apply(e);
        } else if (event instanceof ApiKeyRevoked e) {
            keys.apply(e);
        } else if (event instanceof RequestFailed) {
            // nothing was charged: a failure moves no money and leaves its request id free for a retry
            return;
        } else if (event instanceof AccountOpened) {
            throw new IllegalStateException("an account is opened once");
        } else {
            throw new IllegalArgumentException("an account event this position does not fold: "
                    + event.getClass().getName());
        }
    }

    private void apply(CreditsPurchased e) {
        balance = e.balanceAfter();
        lastPurchase = e.credits();
        payments.apply(e);
        lowBalance = lowBalance && balance.isLessThan(effectiveThreshold());
    }

    private void apply(CreditsRefunded e) {
        balance = e.balanceAfter();
        payments.apply(e);
    }

    public AccountId accountId() {
        return accountId;
    }

    public String name() {
        return name;
    }

    public Tier tier() {
        return tier;
    }

    public MicroCredits balance() {
        return balance;
    }

    public Optional<MicroCredits> monthlyCap() {
        return Optional.ofNullable(monthlyCap);
    }

    /** What was charged in the calendar month (UTC) of {@code at}. */
    public MicroCredits spentInMonthOf(Instant at) {
        YearMonth month = YearMonth.from(at.atOffset(ZoneOffset.UTC));
        return month.equals(spendMonth) ? monthSpent : MicroCredits.ZERO;
    }

    /** The low-balance threshold: the one set, or 10 % of the last purchase (or grant). */
    public MicroCredits effectiveThreshold() {
        return threshold != null ? threshold : MicroCredits.of(lastPurchase.value() / 10);
    }

    public boolean lowBalance() {
        return lowBalance;
    }

    /**
     * Whether the request id is among the last {@value RecentRequestIds#CAPACITY} this account was
     * charged for. An id charged before those is not remembered here: the ledger asks the event
     * store's index of charged requests for it (ADR 0032).
     */
    public boolean chargedRecently(String requestId) {
        return recentCharges.contains(requestId);
    }

    /** The power level the account's requests are routed at when they name none (Balanced by default). */
    public PowerLevel powerLevel() {
        return preferences.powerLevel();
    }

    /** Whether the account's requests use its own provider keys when it has them (yes by default). */
    public boolean prefersByok() {
        return preferences.prefersByok();
    }

    /** The administrator's override of the tier's requests per minute, if any. */
    public Optional<Integer> requestsPerMinute() {
        return preferences.requestsPerMinute();
    }

    /** The administrator's override of the tier's tokens per minute, if any. */
    public Optional<Long> tokensPerMinute() {
        return preferences.tokensPerMinute();
    }

    /** Whether the API key with this id was issued to this account (as an event) and not revoked. */
    public boolean hasLiveApiKey(String keyId) {
        return keys.isLive(keyId);
    }

    /** Whether the account ever chose a power level (or kept the default). */
    public boolean hasChosenPowerLevel() {
        return preferences.hasChosenPowerLevel();
    }

    /** Whether the account ever set its BYOK preference (or kept the default). */
    public boolean hasSetByokPreference() {
        return preferences.hasSetByokPreference();
    }

    /** Decides an admin grant. */
    public CreditsGranted decide(GrantCredits command) {
        if (command.amount() == null || !command.amount().isPositive()) {
            throw new CreditException(CreditError.INVALID_AMOUNT, "credits to grant must be positive");
        }
        MicroCredits after;
        try {
            after = balance.plus(command.amount());
        } catch (ArithmeticException e) {
            throw new CreditException(CreditError.INVALID_AMOUNT, "the grant would overflow the balance");
        }
        return new CreditsGranted(accountId, command.amount(), command.reason(), after, command.grantedAt());
    }

    /**
     * Admission: may a request that could cost up to {@code estimate} start at {@code now}, while
     * other requests in flight have {@code reservedByOthers} reserved? Every rule applies, in this
     * order: a request id is charged once (REQUEST_ALREADY_CHARGED; this position knows its recent
     * ids, the ledger asks the store for older ones first); a platform-key request whose
     * worst case would take this calendar month's (UTC) spend, with what others hold, past the
     * monthly cap is refused (MONTHLY_CAP_REACHED); the balance not reserved by others must cover
     * the estimate (INSUFFICIENT_CREDITS). A call on the caller's own key ({@code byok}) that costs
     * nothing is admitted even when the balance is below zero, which blocks only platform-key usage.
     */
    public void admit(RequestId requestId, MicroCredits estimate, MicroCredits reservedByOthers, boolean byok,
                      Instant now) {
        java.util.Objects.requireNonNull(requestId, "requestId");
        java.util.Objects.requireNonNull(estimate, "estimate");
        java.util.Objects.requireNonNull(reservedByOthers, "reservedByOthers");
        java.util.Objects.requireNonNull(now, "now");
        if (estimate.isNegative()) {
            throw new CreditException(CreditError.INVALID_AMOUNT, "an estimate cannot be negative");
        }
        if (recentCharges.contains(requestId.value())) {
            throw new CreditException(CreditError.REQUEST_ALREADY_CHARGED,
                    "request id " + requestId + " has already been charged");
        }
        if (monthlyCap != null && !byok) {
            MicroCredits left = monthlyCap.minus(spentInMonthOf(now)).minus(reservedByOthers);
            if (estimate.isGreaterThan(left)) {
                throw new CreditException(CreditError.MONTHLY_CAP_REACHED, "the monthly spending cap of " + monthlyCap
                        + " would be passed: this request may cost up to " + estimate + " and "
                        + MicroCredits.max(left, MicroCredits.ZERO) + " are left this month (UTC)");
            }
        }
        MicroCredits free = balance.minus(reservedByOthers);
        if (estimate.isGreaterThan(free) || (!byok && !estimate.isPositive() && free.isNegative())) {
            throw new CreditException(CreditError.INSUFFICIENT_CREDITS,
                    "insufficient credits: this request may cost up to " + estimate
                            + " and " + MicroCredits.max(free, MicroCredits.ZERO) + " are available");
        }
    }

    /**
     * Decides a usage charge. The cost is the model price applied to the usage; what is charged is
     * the cost, but never more than the balance not reserved by other requests, so the balance can
     * never go below zero. Any remainder is recorded as uncollected. A request id is charged once
     * (refused here among the recent ids; the ledger has asked the store for older ones).
     */
    public UsageCharged decide(ChargeUsage command, MicroCredits reservedByOthers) {
        String requestId = command.requestId().value();
        if (recentCharges.contains(requestId)) {
            throw new CreditException(CreditError.REQUEST_ALREADY_CHARGED,
                    "request id " + requestId + " has already been charged");
        }
        int markup = command.byok() ? 0 : tier.markupBasisPoints();
        MicroCredits cost = command.price().costOf(command.usage(), command.multiplierBasisPoints(), markup);
        MicroCredits coverable = MicroCredits.max(balance.minus(reservedByOthers), MicroCredits.ZERO);
        if (monthlyCap != null && !command.byok()) {
            coverable = MicroCredits.min(coverable, MicroCredits.max(monthlyCap
                    .minus(spentInMonthOf(command.chargedAt())).minus(reservedByOthers), MicroCredits.ZERO));
        }
        MicroCredits charged = MicroCredits.min(cost, coverable);
        TokenUsage usage = command.usage();
        ModelPrice price = command.price();
        return new UsageCharged(accountId, command.requestId(), command.model(), command.provider(),
                usage.inputTokens(), usage.outputTokens(), command.usageEstimated(),
                price.inputPer1kTokens(), price.outputPer1kTokens(),
                cost, charged, cost.minus(charged), balance.minus(charged), command.chargedAt(), command.byok(),
                command.multiplierBasisPoints(), markup, command.routing(), usage.cachedInputTokens(),
                usage.cacheWrite5mTokens(), usage.cacheWrite1hTokens(), usage.reasoningTokens(),
                price.cachedInputPer1kTokens(), price.cacheWrite5mPer1kTokens(), price.cacheWrite1hPer1kTokens(),
                price.reasoningPer1kTokens(), command.apiKeyId());
    }

    /** Records a request that failed outright after admission: no charge, nothing the position keeps. */
    public RequestFailed decide(RecordRequestFailure command) {
        if (!accountId.equals(command.accountId())) {
            throw new IllegalArgumentException("the failure is of another account's request");
        }
        return new RequestFailed(accountId, command.requestId(), command.requestedModel(), command.powerLevel(),
                command.byok(), command.apiKeyId(), command.attempts(), command.error(), command.failedAt());
    }

    public void apply(CreditsGranted event) {
        balance = event.balanceAfter();
        lastPurchase = event.amount();
        lowBalance = lowBalance && balance.isLessThan(effectiveThreshold());
    }

    public void apply(UsageCharged event) {
        recentCharges.add(event.requestId().value());
        balance = event.balanceAfter();
        YearMonth month = YearMonth.from(event.chargedAt().atOffset(ZoneOffset.UTC));
        if (spendMonth == null || month.isAfter(spendMonth)) {
            spendMonth = month;
            monthSpent = event.charged();
        } else if (month.equals(spendMonth)) {
            monthSpent = monthSpent.plus(event.charged());
        }
    }

    /** After a charge was applied: the alert it raises, if it took the balance below the threshold. */
    public Optional<LowBalanceReached> alertAfter(UsageCharged event) {
        MicroCredits limit = effectiveThreshold();
        if (lowBalance || !limit.isPositive() || !balance.isLessThan(limit) || !event.charged().isPositive()) {
            return Optional.empty();
        }
        return Optional.of(new LowBalanceReached(accountId, balance, limit, event.chargedAt()));
    }

    // ---- caps, thresholds, purchases and refunds --------------------------------------------------

    public PowerLevelChosen decide(ChoosePowerLevel command) {
        return preferences.decide(command);
    }

    /** The legacy preferences the account has not replaced with its own choice since; none twice. */
    public List<CreditAccountEvent> decide(AdoptLegacyPreferences command) {
        return preferences.decide(command);
    }

    public ByokPreferenceSet decide(SetByokPreference command) {
        return preferences.decide(command);
    }

    public MonthlyCapSet decide(SetMonthlyCap command) {
        if (command.cap() != null && command.cap().isNegative()) {
            throw new CreditException(CreditError.INVALID_AMOUNT, "a monthly cap cannot be negative");
        }
        return new MonthlyCapSet(accountId, command.cap(), command.at());
    }

    public LowBalanceThresholdSet decide(SetLowBalanceThreshold command) {
        if (command.threshold() != null && command.threshold().isNegative()) {
            throw new CreditException(CreditError.INVALID_AMOUNT, "a threshold cannot be negative");
        }
        return new LowBalanceThresholdSet(accountId, command.threshold(), command.at());
    }

    /** A completed purchase (see {@link Payments}): credited once, a refund that arrived first right after it. */
    public List<CreditAccountEvent> decide(RecordPurchase command) {
        return payments.decide(command, balance);
    }

    /** A refund of a payment (see {@link Payments}): its credits clawed back in proportion, or held until its purchase. */
    public List<CreditAccountEvent> decide(RecordRefund command) {
        return payments.decide(command, balance);
    }

    public List<CreditAccountEvent> decide(RecordPaymentFailure command) {
        return payments.decide(command);
    }

    public CreditsRefunded decide(RefundCredits command) {
        if (command.credits() == null || !command.credits().isPositive()) {
            throw new CreditException(CreditError.INVALID_AMOUNT, "credits to refund must be positive");
        }
        return new CreditsRefunded(accountId, command.credits(), command.reason(), null, null, null,
                balance.minus(command.credits()), command.at());
    }

    // ---- tier, rate limits and API keys -----------------------------------------------------------

    /** A move to another tier; none when the account is on that tier already. */
    public Optional<TierChanged> decide(ChangeTier command) {
        if (command.tier() == null) {
            throw new CreditException(CreditError.INVALID_ACCOUNT, "tier must be one of free, starter, professional, enterprise");
        }
        return command.tier() == tier ? Optional.empty()
                : Optional.of(new TierChanged(accountId, command.tier(), tier, command.at()));
    }

    /** Overrides of the tier's rate limits: each at least 1, requests at most 10^6 and tokens 10^10 a minute. */
    public RateLimitsSet decide(SetRateLimits command) {
        return preferences.decide(command);
    }

    public ApiKeyIssued decide(IssueApiKey command) {
        return keys.decide(command);
    }

    public ApiKeyRevoked decide(RevokeApiKey command) {
        return keys.decide(command);
    }
}
