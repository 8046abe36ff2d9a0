package dev.switchgear.domain.credit;

import dev.switchgear.domain.credit.api.AccountId;
import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.ChargeUsage;
import dev.switchgear.domain.credit.api.CreditsGranted;
import dev.switchgear.domain.credit.api.GrantCredits;
import dev.switchgear.domain.credit.api.Tier;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.MicroCredits;
import java.util.HashSet;
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
        if (estimate.isNegative()) {
            throw new CreditException(CreditError.INVALID_AMOUNT, "an estimate cannot be negative");
        }
        if (chargedRequests.contains(requestId)) {
            throw new CreditException(CreditError.REQUEST_ALREADY_CHARGED,
                    "request id " + requestId + " has already been charged");
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
        MicroCredits charged = MicroCredits.min(cost, coverable);
        return new UsageCharged(accountId, command.requestId(), command.model(), command.provider(),
                command.usage().inputTokens(), command.usage().outputTokens(), command.usageEstimated(),
                command.price().inputPer1kTokens(), command.price().outputPer1kTokens(),
                cost, charged, cost.minus(charged), balance.minus(charged), command.chargedAt(), command.byok(),
                command.multiplierBasisPoints(), markup, command.routing());
    }

    public void apply(CreditsGranted event) {
        balance = event.balanceAfter();
    }

    public void apply(UsageCharged event) {
        chargedRequests.add(event.requestId().value());
        balance = event.balanceAfter();
    }
}
