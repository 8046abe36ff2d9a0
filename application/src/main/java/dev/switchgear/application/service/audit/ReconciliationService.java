package dev.switchgear.application.service.audit;

import dev.switchgear.application.port.in.audit.ReconciliationUseCase;
import dev.switchgear.application.port.in.credit.AccountStandings;
import dev.switchgear.application.port.in.credit.AccountSummary;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.out.audit.AccountDirectory;
import dev.switchgear.application.port.out.audit.Projections;
import dev.switchgear.application.port.out.billing.MeteringLog;
import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.application.port.out.usage.UsageReadModel;
import dev.switchgear.application.port.out.usage.UsageTotals;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.CreditPosition;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.credit.api.CreditsGranted;
import dev.switchgear.domain.credit.api.CreditsPurchased;
import dev.switchgear.domain.credit.api.CreditsRefunded;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The reconciliation report (ADR 0025). For each account it folds the event stream with the
 * domain's own {@link CreditPosition} and holds every other record against it: the balance the last
 * money event recorded, the request path's ledger, the usage read model, the meter's log of what
 * Lago took, and the purchases Stripe paid for. Each disagreement is one {@link Difference} of a
 * {@link DifferenceKind}. Accounts come page by page from the event store's own list, so a report
 * over many accounts is as many small reads as pages. Differences found while a processor is behind
 * (its lag is in the report) may only be charges not projected or metered yet.
 */
public class ReconciliationService implements ReconciliationUseCase {

    /** Events read from the store at a time. */
    static final int PAGE = 10_000;
    private static final Instant BEGINNING = Instant.EPOCH;
    private static final Instant END = Instant.parse("9999-12-31T00:00:00Z");

    private final AccountDirectory directory;
    private final CreditAccountJournal journal;
    private final AccountStandings ledger;
    private final UsageReadModel usage;
    private final Optional<MeteringLog> metering;
    private final Projections projections;

    public ReconciliationService(AccountDirectory directory, CreditAccountJournal journal, AccountStandings ledger,
                                 UsageReadModel usage, Optional<MeteringLog> metering, Projections projections) {
        this.directory = directory;
        this.journal = journal;
        this.ledger = ledger;
        this.usage = usage;
        this.metering = metering;
        this.projections = projections;
    }

    @Override
    public Report reconcile(Caller caller, Optional<AccountId> account, Optional<AccountId> after, int limit) {
        if (!caller.admin()) {
            throw new IdentityException(IdentityError.ADMIN_REQUIRED, "this call needs the admin key");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit is 1 to " + MAX_LIMIT);
        }
        List<AccountId> ids;
        Optional<AccountId> next = Optional.empty();
        if (account.isPresent()) {
            ids = List.of(account.get());
        } else {
            List<AccountId> page = directory.accounts(after, limit + 1);
            ids = page.size() > limit ? page.subList(0, limit) : page;
            if (page.size() > limit) {
                next = Optional.of(ids.get(ids.size() - 1));
            }
        }
        List<AccountReconciliation> accounts = new ArrayList<>(ids.size());
        for (AccountId id : ids) {
            accounts.add(reconcile(id));
        }
        return new Report(accounts, next, metering.isPresent(), projections.all());
    }

    private AccountReconciliation reconcile(AccountId id) {
        CreditPosition position = null;
        long eventCount = 0;
        MicroCredits moved = MicroCredits.ZERO;
        long charges = 0;
        MicroCredits charged = MicroCredits.ZERO;
        long purchases = 0;
        MicroCredits bought = MicroCredits.ZERO;
        MicroCredits refunded = MicroCredits.ZERO;
        Map<String, Long> paid = new TreeMap<>();
        Set<String> references = new LinkedHashSet<>();
        Map<String, Integer> referenceUses = new LinkedHashMap<>();
        // a page at a time: a busy account's stream (hundreds of thousands of charges) is never held whole
        long next = 0;
        List<CreditAccountJournal.Recorded> page;
        do {
            page = journal.read(id, next, PAGE);
            for (CreditAccountJournal.Recorded recorded : page) {
                CreditAccountEvent event = recorded.payload();
                if (position == null) {
                    position = CreditPosition.replay(List.of(event));
                } else {
                    position.apply(event);
                }
                eventCount++;
                next = recorded.sequence() + 1;
                if (event instanceof CreditsGranted e) {
                    moved = moved.plus(e.amount());
                } else if (event instanceof UsageCharged e) {
                    moved = moved.minus(e.charged());
                    charges++;
                    charged = charged.plus(e.charged());
                } else if (event instanceof CreditsPurchased e) {
                    moved = moved.plus(e.credits());
                    purchases++;
                    bought = bought.plus(e.credits());
                    paid.merge(e.currency() == null ? "unknown" : e.currency().toLowerCase(), e.amountCents(), Long::sum);
                    if (e.paymentReference() != null) {
                        references.add(e.paymentReference());
                        referenceUses.merge(e.paymentReference(), 1, Integer::sum);
                    }
                } else if (event instanceof CreditsRefunded e) {
                    moved = moved.minus(e.credits());
                    refunded = refunded.plus(e.credits());
                }
            }
        } while (page.size() == PAGE);
        if (position == null) {
            throw new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
        }
        MicroCredits eventBalance = position.balance();

        List<Difference> differences = new ArrayList<>();
        MicroCredits ledgerBalance = ledger.summary(id).map(AccountSummary::balance).orElse(null);
        if (ledgerBalance == null || !ledgerBalance.equals(eventBalance)) {
            differences.add(new Difference(DifferenceKind.LEDGER_BALANCE, micros(eventBalance),
                    ledgerBalance == null ? "none" : micros(ledgerBalance),
                    "the ledger's balance is not the fold of the account's events"));
        }
        if (!moved.equals(eventBalance)) {
            differences.add(new Difference(DifferenceKind.MOVEMENTS, micros(eventBalance), micros(moved),
                    "grants and purchases less refunds and charges do not add up to the balance the events record"));
        }
        Charges fromEvents = new Charges(charges, charged);
        UsageTotals totals = usage.totals(id, BEGINNING, END);
        Charges readModel = new Charges(totals.requests(), totals.charged());
        if (readModel.count() != charges) {
            differences.add(new Difference(DifferenceKind.READ_MODEL_REQUESTS, Long.toString(charges),
                    Long.toString(readModel.count()), "usage read model rows against UsageCharged events"));
        }
        if (!readModel.charged().equals(charged)) {
            differences.add(new Difference(DifferenceKind.READ_MODEL_CHARGED, micros(charged),
                    micros(readModel.charged()), "usage read model's charged sum against the charges' (micro-credits)"));
        }
        Optional<Charges> metered = metering.map(log -> {
            MeteringLog.MeteredTotals sent = log.metered(id);
            return new Charges(sent.charges(), sent.charged());
        });
        metered.ifPresent(sent -> {
            if (sent.count() != fromEvents.count()) {
                differences.add(new Difference(DifferenceKind.METERED_REQUESTS, Long.toString(fromEvents.count()),
                        Long.toString(sent.count()), "charges Lago took against UsageCharged events"));
            }
            if (!sent.charged().equals(fromEvents.charged())) {
                differences.add(new Difference(DifferenceKind.METERED_CHARGED, micros(fromEvents.charged()),
                        micros(sent.charged()), "charged sum sent to Lago against the charges' (micro-credits)"));
            }
        });
        referenceUses.forEach((reference, uses) -> {
            if (uses > 1) {
                differences.add(new Difference(DifferenceKind.PAYMENT_REPEATED, "1", Integer.toString(uses),
                        "payment " + reference + " credited more than once"));
            }
        });
        return new AccountReconciliation(id, eventCount, eventBalance, moved,
                ledgerBalance == null ? MicroCredits.ZERO : ledgerBalance, fromEvents, readModel, metered,
                new Payments(purchases, bought, paid, List.copyOf(references), refunded), differences);
    }

    private static String micros(MicroCredits value) {
        return Long.toString(value.value());
    }
}
