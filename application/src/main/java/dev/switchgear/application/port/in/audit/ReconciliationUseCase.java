package dev.switchgear.application.port.in.audit;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.audit.ProjectionStatus;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.util.List;
import java.util.Optional;

/**
 * The reconciliation report (ADR 0025): per account, the balance folded from its events, the
 * ledger's balance, the usage read model's totals, what was metered to Lago and what Stripe paid,
 * with every difference flagged by kind. The administrator only; page by page over all accounts.
 */
public interface ReconciliationUseCase {

    int MAX_LIMIT = 500;

    /**
     * One account ({@code account} present) or a page of at most {@code limit} accounts after
     * {@code after}, in account-id order.
     */
    Report reconcile(Caller caller, Optional<AccountId> account, Optional<AccountId> after, int limit);

    /** A page of accounts, the cursor of the next page, and the processors whose lag explains a fresh difference. */
    record Report(List<AccountReconciliation> accounts, Optional<AccountId> next, boolean metering,
                  List<ProjectionStatus> processors) {
    }

    /**
     * One account. {@code events}: the stream's length; {@code eventBalance}: the fold of its events
     * (each money event records the balance after it); {@code movedBalance}: grants and purchases
     * less refunds and charges, summed from the events' amounts; {@code ledgerBalance}: the
     * request path's; {@code charges}: its UsageCharged events; {@code readModel}: the usage read
     * model's rows; {@code metered}: what the meter sent (empty when metering is off); {@code paid}:
     * its purchases.
     */
    record AccountReconciliation(AccountId accountId, long events, MicroCredits eventBalance,
                                 MicroCredits movedBalance, MicroCredits ledgerBalance, Charges charges,
                                 Charges readModel, Optional<Charges> metered, Payments paid,
                                 List<Difference> differences) {

        public boolean reconciled() {
            return differences.isEmpty();
        }
    }

    /** A count of charges and their sum. */
    record Charges(long count, MicroCredits charged) {
    }

    /** Purchases: how many, the credits they bought, the amounts paid per currency (minor units) and their payment references. */
    record Payments(long purchases, MicroCredits credits, java.util.Map<String, Long> paidMinorUnits,
                    List<String> paymentReferences, MicroCredits refunded) {
    }

    /** One difference: its kind, the two values and which sides they come from. */
    record Difference(DifferenceKind kind, String expected, String found, String detail) {
    }

    /** The kinds of difference. */
    enum DifferenceKind {
        /** The ledger's balance is not the fold of the account's events. */
        LEDGER_BALANCE,
        /** The events' amounts (grants, purchases, refunds, charges) do not add up to the balance they record. */
        MOVEMENTS,
        /** The usage read model has another number of rows than the account has charges. */
        READ_MODEL_REQUESTS,
        /** The usage read model's charged sum is not the charges' sum. */
        READ_MODEL_CHARGED,
        /** Lago was sent another number of charges than the account has. */
        METERED_REQUESTS,
        /** The charged sum sent to Lago is not the charges' sum. */
        METERED_CHARGED,
        /** One payment reference credited more than once. */
        PAYMENT_REPEATED
    }
}
