package dev.switchgear.domain.credit;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.ChargeUsage;
import dev.switchgear.domain.credit.api.CreditsGranted;
import dev.switchgear.domain.credit.api.CreditsPurchased;
import dev.switchgear.domain.credit.api.CreditsRefunded;
import dev.switchgear.domain.credit.api.GrantCredits;
import dev.switchgear.domain.credit.api.LowBalanceReached;
import dev.switchgear.domain.credit.api.LowBalanceThresholdSet;
import dev.switchgear.domain.credit.api.MonthlyCapSet;
import dev.switchgear.domain.credit.api.PaymentFailed;
import dev.switchgear.domain.credit.api.RecordPaymentFailure;
import dev.switchgear.domain.credit.api.RecordPurchase;
import dev.switchgear.domain.credit.api.RecordStripeRefund;
import dev.switchgear.domain.credit.api.RefundCredits;
import dev.switchgear.domain.credit.api.SetLowBalanceThreshold;
import dev.switchgear.domain.credit.api.SetMonthlyCap;
import dev.switchgear.domain.credit.api.StripeRefundPending;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    private final Set<String> chargedRequests = new HashSet<>();
    private MicroCredits monthlyCap;
    private YearMonth spendMonth;
    private MicroCredits monthSpent = MicroCredits.ZERO;
    private MicroCredits threshold;
    private MicroCredits lastPurchase = MicroCredits.ZERO;
    private boolean lowBalance;
    private final Set<String> checkoutSessions = new HashSet<>();
    private final Set<String> stripeEvents = new HashSet<>();
    private final Map<String, Purchase> purchases = new HashMap<>();
    private final Map<String, StripeRefundPending> pendingRefunds = new HashMap<>();

    /** A Stripe purchase: what it credited, what it cost, and how much has been clawed back. */
    private record Purchase(MicroCredits credits, long amountCents, MicroCredits clawedBack) {
    }

    private CreditPosition(AccountId accountId, String name, Tier tier) {
        this.accountId = accountId;
        this.name = name;
        this.tier = tier;
    }

    public static CreditPosition opened(AccountOpened event) {
        return new CreditPosition(event.accountId(), event.name(), event.tier());
    }

    /**
     * Rebuilds a position from an account's whole history, oldest first: the replay that audits
     * use to check a balance against its events. The first event must open the account.
     */
    public static CreditPosition replay(Iterable<?> history) {
        CreditPosition position = null;
        for (Object event : history) {
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

    /** Applies any event of this account's stream; events of other kinds are refused loudly. */
    public void apply(Object event) {
        if (event instanceof CreditsGranted granted) {
            apply(granted);
        } else if (event instanceof UsageCharged charged) {
            apply(charged);
        } else if (event instanceof MonthlyCapSet e) {
            monthlyCap = e.cap();
        } else if (event instanceof LowBalanceThresholdSet e) {
            threshold = e.threshold();
            lowBalance = lowBalance && balance.isLessThan(effectiveThreshold());
        } else if (event instanceof LowBalanceReached) {
            lowBalance = true;
        } else if (event instanceof CreditsPurchased e) {
            balance = e.balanceAfter();
            lastPurchase = e.credits();
            checkoutSessions.add(e.checkoutSessionId());
            seen(e.stripeEventId());
            if (e.paymentIntentId() != null) {
                purchases.put(e.paymentIntentId(), new Purchase(e.credits(), e.amountCents(), MicroCredits.ZERO));
            }
            lowBalance = lowBalance && balance.isLessThan(effectiveThreshold());
        } else if (event instanceof CreditsRefunded e) {
            balance = e.balanceAfter();
            seen(e.stripeEventId());
            if (e.paymentIntentId() != null) {
                purchases.computeIfPresent(e.paymentIntentId(), (id, p) -> new Purchase(p.credits(), p.amountCents(),
                        p.clawedBack().plus(e.credits())));
                pendingRefunds.remove(e.paymentIntentId());
            }
        } else if (event instanceof StripeRefundPending e) {
            seen(e.stripeEventId());
            pendingRefunds.merge(e.paymentIntentId(), e,
                    (a, b) -> a.amountRefundedCents() >= b.amountRefundedCents() ? a : b);
        } else if (event instanceof PaymentFailed e) {
            seen(e.stripeEventId());
        } else {
            throw new IllegalArgumentException("not an event of a credit account: " + event.getClass().getName());
        }
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

    public boolean hasCharged(String requestId) {
        return chargedRequests.contains(requestId);
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
     * Admission: may a request that could cost up to {@code estimate} start, while other requests
     * in flight have {@code reservedByOthers} reserved? Refuses with INSUFFICIENT_CREDITS when the
     * balance not reserved by others cannot cover the estimate.
     */
    public void admit(String requestId, MicroCredits estimate, MicroCredits reservedByOthers) {
        admit(requestId, estimate, reservedByOthers, false);
    }

    /**
     * Admission as above; a call on the caller's own key ({@code byok}) that costs nothing is
     * admitted even when the balance is below zero, which blocks only platform-key usage.
     */
    public void admit(String requestId, MicroCredits estimate, MicroCredits reservedByOthers, boolean byok) {
        admit(requestId, estimate, reservedByOthers, byok, null);
    }

    /**
     * Admission as above, at {@code now}: a platform-key request whose worst case would take this
     * calendar month's (UTC) spend, with what others hold, past the account's monthly cap is refused
     * with MONTHLY_CAP_REACHED.
     */
    public void admit(String requestId, MicroCredits estimate, MicroCredits reservedByOthers, boolean byok,
                      Instant now) {
        if (estimate.isNegative()) {
            throw new CreditException(CreditError.INVALID_AMOUNT, "an estimate cannot be negative");
        }
        if (chargedRequests.contains(requestId)) {
            throw new CreditException(CreditError.REQUEST_ALREADY_CHARGED,
                    "request id " + requestId + " has already been charged");
        }
        if (monthlyCap != null && now != null && !byok) {
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
     * never go below zero. Any remainder is recorded as uncollected. A request id is charged once.
     */
    public UsageCharged decide(ChargeUsage command, MicroCredits reservedByOthers) {
        String requestId = command.requestId().value();
        if (chargedRequests.contains(requestId)) {
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
        return new UsageCharged(accountId, command.requestId(), command.model(), command.provider(),
                command.usage().inputTokens(), command.usage().outputTokens(), command.usageEstimated(),
                command.price().inputPer1kTokens(), command.price().outputPer1kTokens(),
                cost, charged, cost.minus(charged), balance.minus(charged), command.chargedAt(), command.byok(),
                command.multiplierBasisPoints(), markup, command.routing());
    }

    public void apply(CreditsGranted event) {
        balance = event.balanceAfter();
        lastPurchase = event.amount();
        lowBalance = lowBalance && balance.isLessThan(effectiveThreshold());
    }

    public void apply(UsageCharged event) {
        chargedRequests.add(event.requestId().value());
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

    /**
     * A completed purchase: credited once per checkout session and per Stripe event (a repeat gives
     * no events); a refund that arrived first is applied right after it.
     */
    public List<Object> decide(RecordPurchase command) {
        if (checkoutSessions.contains(command.checkoutSessionId()) || stripeEvents.contains(command.stripeEventId())) {
            return List.of();
        }
        if (command.credits() == null || !command.credits().isPositive() || command.amountCents() <= 0) {
            throw new CreditException(CreditError.INVALID_AMOUNT, "a purchase credits a positive amount");
        }
        List<Object> events = new ArrayList<>();
        MicroCredits after = balance.plus(command.credits());
        events.add(new CreditsPurchased(accountId, command.credits(), command.amountCents(), command.currency(),
                command.packageCode(), command.checkoutSessionId(), command.paymentIntentId(), command.stripeEventId(),
                after, command.at()));
        StripeRefundPending pending = command.paymentIntentId() == null ? null
                : pendingRefunds.get(command.paymentIntentId());
        if (pending != null) {
            MicroCredits clawback = clawback(command.credits(), command.amountCents(), pending.amountRefundedCents(),
                    MicroCredits.ZERO);
            if (clawback.isPositive()) {
                events.add(new CreditsRefunded(accountId, clawback, "stripe refund", command.paymentIntentId(),
                        pending.chargeId(), null, after.minus(clawback), command.at()));
            }
        }
        return events;
    }

    /**
     * A Stripe refund (cumulative amount refunded of a payment): claws back the purchased credits in
     * proportion, less what was already clawed back; before its purchase is known it waits.
     */
    public List<Object> decide(RecordStripeRefund command) {
        if (stripeEvents.contains(command.stripeEventId())) {
            return List.of();
        }
        Purchase purchase = purchases.get(command.paymentIntentId());
        if (purchase == null) {
            return List.of(new StripeRefundPending(accountId, command.paymentIntentId(), command.chargeId(),
                    command.amountRefundedCents(), command.amountCents(), command.stripeEventId(), command.at()));
        }
        MicroCredits clawback = clawback(purchase.credits(), purchase.amountCents(), command.amountRefundedCents(),
                purchase.clawedBack());
        if (!clawback.isPositive()) {
            return List.of();
        }
        return List.of(new CreditsRefunded(accountId, clawback, "stripe refund", command.paymentIntentId(),
                command.chargeId(), command.stripeEventId(), balance.minus(clawback), command.at()));
    }

    public List<Object> decide(RecordPaymentFailure command) {
        if (stripeEvents.contains(command.stripeEventId())) {
            return List.of();
        }
        return List.of(new PaymentFailed(accountId, command.paymentIntentId(), command.message(),
                command.stripeEventId(), command.at()));
    }

    public CreditsRefunded decide(RefundCredits command) {
        if (command.credits() == null || !command.credits().isPositive()) {
            throw new CreditException(CreditError.INVALID_AMOUNT, "credits to refund must be positive");
        }
        return new CreditsRefunded(accountId, command.credits(), command.reason(), null, null, null,
                balance.minus(command.credits()), command.at());
    }

    /** The credits a refund of {@code refundedCents} of {@code amountCents} takes back, in the buyer's favour (rounded down). */
    private static MicroCredits clawback(MicroCredits credits, long amountCents, long refundedCents,
                                         MicroCredits already) {
        long refunded = Math.min(Math.max(refundedCents, 0), amountCents);
        java.math.BigInteger target = java.math.BigInteger.valueOf(credits.value())
                .multiply(java.math.BigInteger.valueOf(refunded)).divide(java.math.BigInteger.valueOf(amountCents));
        return MicroCredits.max(MicroCredits.of(target.longValueExact()).minus(already), MicroCredits.ZERO);
    }

    private void seen(String stripeEventId) {
        if (stripeEventId != null) {
            stripeEvents.add(stripeEventId);
        }
    }
}
