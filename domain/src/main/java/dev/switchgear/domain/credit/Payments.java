package dev.switchgear.domain.credit;

import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.credit.api.CreditsPurchased;
import dev.switchgear.domain.credit.api.CreditsRefunded;
import dev.switchgear.domain.credit.api.PaymentFailed;
import dev.switchgear.domain.credit.api.RecordPaymentFailure;
import dev.switchgear.domain.credit.api.RecordPurchase;
import dev.switchgear.domain.credit.api.RecordRefund;
import dev.switchgear.domain.credit.api.RefundPending;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The payment rules of one account, part of its {@link CreditPosition}: a checkout is credited once
 * and a payment notification counts once; a refund claws back its payment's credits in proportion
 * (cumulative, in the buyer's favour), and one reported before its purchase waits for it. Not
 * thread-safe, like the position it belongs to.
 */
final class Payments {

    /** A purchase: what it credited, what it cost, and how much has been clawed back. */
    private record Purchase(MicroCredits credits, long amountCents, MicroCredits clawedBack) {
    }

    private final AccountId accountId;
    private final Set<String> checkouts = new HashSet<>();
    private final Set<String> notifications = new HashSet<>();
    private final Map<String, Purchase> purchases = new HashMap<>();
    private final Map<String, RefundPending> pendingRefunds = new HashMap<>();

    Payments(AccountId accountId) {
        this.accountId = accountId;
    }

    /** An independent copy (its parts are immutable values). */
    Payments copy() {
        Payments copy = new Payments(accountId);
        copy.checkouts.addAll(checkouts);
        copy.notifications.addAll(notifications);
        copy.purchases.putAll(purchases);
        copy.pendingRefunds.putAll(pendingRefunds);
        return copy;
    }

    void apply(CreditsPurchased e) {
        checkouts.add(e.checkoutReference());
        seen(e.paymentEventId());
        if (e.paymentReference() != null) {
            purchases.put(e.paymentReference(), new Purchase(e.credits(), e.amountCents(), MicroCredits.ZERO));
        }
    }

    void apply(CreditsRefunded e) {
        seen(e.paymentEventId());
        if (e.paymentReference() != null) {
            purchases.computeIfPresent(e.paymentReference(), (id, p) -> new Purchase(p.credits(), p.amountCents(),
                    p.clawedBack().plus(e.credits())));
            pendingRefunds.remove(e.paymentReference());
        }
    }

    void apply(RefundPending e) {
        seen(e.paymentEventId());
        pendingRefunds.merge(e.paymentReference(), e,
                (a, b) -> a.amountRefundedCents() >= b.amountRefundedCents() ? a : b);
    }

    void apply(PaymentFailed e) {
        seen(e.paymentEventId());
    }

    /**
     * A completed purchase at {@code balance}: credited once per checkout and per payment
     * notification (a repeat gives no events); a refund that arrived first is applied right after it.
     */
    List<CreditAccountEvent> decide(RecordPurchase command, MicroCredits balance) {
        if (checkouts.contains(command.checkoutReference()) || notifications.contains(command.paymentEventId())) {
            return List.of();
        }
        if (command.credits() == null || !command.credits().isPositive() || command.amountCents() <= 0) {
            throw new CreditException(CreditError.INVALID_AMOUNT, "a purchase credits a positive amount");
        }
        List<CreditAccountEvent> events = new ArrayList<>();
        MicroCredits after = balance.plus(command.credits());
        events.add(new CreditsPurchased(accountId, command.credits(), command.amountCents(), command.currency(),
                command.packageCode(), command.checkoutReference(), command.paymentReference(), command.paymentEventId(),
                after, command.at()));
        RefundPending pending = command.paymentReference() == null ? null
                : pendingRefunds.get(command.paymentReference());
        if (pending != null) {
            MicroCredits clawback = clawback(command.credits(), command.amountCents(), pending.amountRefundedCents(),
                    MicroCredits.ZERO);
            if (clawback.isPositive()) {
                events.add(new CreditsRefunded(accountId, clawback, "payment refunded", command.paymentReference(),
                        pending.chargeReference(), null, after.minus(clawback), command.at()));
            }
        }
        return events;
    }

    /**
     * A refund (the cumulative amount refunded of a payment) at {@code balance}: claws back the
     * purchased credits in proportion, less what was already clawed back; before its purchase is
     * known it waits.
     */
    List<CreditAccountEvent> decide(RecordRefund command, MicroCredits balance) {
        if (notifications.contains(command.paymentEventId())) {
            return List.of();
        }
        Purchase purchase = purchases.get(command.paymentReference());
        if (purchase == null) {
            return List.of(new RefundPending(accountId, command.paymentReference(), command.chargeReference(),
                    command.amountRefundedCents(), command.amountCents(), command.paymentEventId(), command.at()));
        }
        MicroCredits clawback = clawback(purchase.credits(), purchase.amountCents(), command.amountRefundedCents(),
                purchase.clawedBack());
        if (!clawback.isPositive()) {
            return List.of();
        }
        return List.of(new CreditsRefunded(accountId, clawback, "payment refunded", command.paymentReference(),
                command.chargeReference(), command.paymentEventId(), balance.minus(clawback), command.at()));
    }

    List<CreditAccountEvent> decide(RecordPaymentFailure command) {
        if (notifications.contains(command.paymentEventId())) {
            return List.of();
        }
        return List.of(new PaymentFailed(accountId, command.paymentReference(), command.message(),
                command.paymentEventId(), command.at()));
    }

    /** The credits a refund of {@code refundedCents} of {@code amountCents} takes back, in the buyer's favour (rounded down). */
    private static MicroCredits clawback(MicroCredits credits, long amountCents, long refundedCents,
                                         MicroCredits already) {
        long refunded = Math.min(Math.max(refundedCents, 0), amountCents);
        BigInteger target = BigInteger.valueOf(credits.value())
                .multiply(BigInteger.valueOf(refunded)).divide(BigInteger.valueOf(amountCents));
        return MicroCredits.max(MicroCredits.of(target.longValueExact()).minus(already), MicroCredits.ZERO);
    }

    private void seen(String paymentEventId) {
        if (paymentEventId != null) {
            notifications.add(paymentEventId);
        }
    }
}
