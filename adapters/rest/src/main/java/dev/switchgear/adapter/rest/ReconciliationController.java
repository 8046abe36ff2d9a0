package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.switchgear.application.port.in.audit.ReconciliationUseCase;
import dev.switchgear.application.port.in.audit.ReconciliationUseCase.AccountReconciliation;
import dev.switchgear.application.port.in.audit.ReconciliationUseCase.Charges;
import dev.switchgear.application.port.in.credit.BalanceHistoryUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reconciliation report and an account's balance as of an instant (ADR 0025): the report and
 * any account's balance for the administrator, its own balance for an account.
 */
@RestController
public class ReconciliationController {

    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    private static final int DEFAULT_LIMIT = 100;

    private final ReconciliationUseCase reconciliation;
    private final BalanceHistoryUseCase balances;

    public ReconciliationController(ReconciliationUseCase reconciliation, BalanceHistoryUseCase balances) {
        this.reconciliation = reconciliation;
        this.balances = balances;
    }

    /** One account ({@code account}) or a page of {@code limit} (1–500) accounts after {@code after}; {@code next} continues. */
    @GetMapping("/api/v1/admin/reconciliation")
    ReportView reconcile(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                         @RequestParam(required = false) String account,
                         @RequestParam(required = false) String after,
                         @RequestParam(required = false) String limit) {
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > ReconciliationUseCase.MAX_LIMIT) {
                throw new BadRequestException("`limit` must be 1 to " + ReconciliationUseCase.MAX_LIMIT, "limit");
            }
        }
        Optional<AccountId> one = Optional.ofNullable(account).map(a -> accountParameter(a, "account"));
        Optional<AccountId> from = Optional.ofNullable(after).map(a -> accountParameter(a, "after"));
        ReconciliationUseCase.Report report = reconciliation.reconcile(caller, one, from, size);
        List<AccountView> accounts = report.accounts().stream().map(AccountView::of).toList();
        long differing = accounts.stream().filter(a -> !a.reconciled()).count();
        return new ReportView(accounts, differing, report.metering(),
                report.processors().stream().map(p -> new ProcessorView(p.name(), p.position().isPresent()
                        ? p.position().getAsLong() : null, p.lag().isPresent() ? p.lag().getAsLong() : null)).toList(),
                report.next().map(AccountId::value).orElse(null));
    }

    /** Any account's balance as of {@code at} (ISO-8601), folded from its events. */
    @GetMapping("/api/v1/admin/accounts/{accountId}/balance")
    BalanceView balanceOf(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                          @PathVariable String accountId, @RequestParam(required = false) String at) {
        return BalanceView.of(balances.balanceAt(caller, account(accountId), instant(at)));
    }

    /** The caller's own balance as of {@code at} (ISO-8601), folded from its events. */
    @GetMapping("/api/v1/llm/credits/balance")
    BalanceView ownBalance(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                           @RequestParam(required = false) String at) {
        Instant instant = instant(at);
        return BalanceView.of(balances.balanceAt(caller, caller.account(), instant));
    }

    static Instant instant(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new BadRequestException("`at` is required: an ISO-8601 time, e.g. 2026-12-01T00:00:00Z", "at");
        }
        try {
            Instant at = OffsetDateTime.parse(raw.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                throw new BadRequestException("`at` must be a time from 1970 to 9999", "at");
            }
            return at;
        } catch (DateTimeParseException e) {
            throw new BadRequestException("`at` must be an ISO-8601 time with an offset, e.g. 2026-12-01T00:00:00Z",
                    "at");
        }
    }

    private static AccountId accountParameter(String raw, String name) {
        try {
            return new AccountId(raw);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("`" + name + "` must be an account id", name);
        }
    }

    private static AccountId account(String raw) {
        try {
            return new AccountId(raw);
        } catch (IllegalArgumentException e) {
            throw new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
        }
    }

    private static String credits(MicroCredits amount) {
        return amount.toCredits().toPlainString();
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ReportView(List<AccountView> accounts, long accountsWithDifferences, boolean metering,
                      List<ProcessorView> processors, String next) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ProcessorView(String name, Long position, Long lag) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AccountView(String accountId, boolean reconciled, long events, long eventBalanceMicroCredits,
                       long movedBalanceMicroCredits, long ledgerBalanceMicroCredits, String eventBalance,
                       ChargesView charges, ChargesView readModel, ChargesView metered, PaymentsView paid,
                       List<DifferenceView> differences) {
        static AccountView of(AccountReconciliation a) {
            return new AccountView(a.accountId().value(), a.reconciled(), a.events(), a.eventBalance().value(),
                    a.movedBalance().value(), a.ledgerBalance().value(), credits(a.eventBalance()),
                    ChargesView.of(a.charges()), ChargesView.of(a.readModel()),
                    a.metered().map(ChargesView::of).orElse(null),
                    new PaymentsView(a.paid().purchases(), a.paid().credits().value(), a.paid().paidMinorUnits(),
                            a.paid().paymentReferences(), a.paid().refunded().value()),
                    a.differences().stream().map(d -> new DifferenceView(d.kind().name().toLowerCase(Locale.ROOT),
                            d.expected(), d.found(), d.detail())).toList());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChargesView(long count, long chargedMicroCredits) {
        static ChargesView of(Charges c) {
            return new ChargesView(c.count(), c.charged().value());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PaymentsView(long purchases, long creditsMicroCredits, Map<String, Long> paidMinorUnits,
                        List<String> paymentReferences, long refundedMicroCredits) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DifferenceView(String kind, String expected, String found, String detail) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record BalanceView(String accountId, String at, String balance, long balanceMicroCredits, long eventsCounted,
                       LastEventView lastEvent) {
        static BalanceView of(BalanceHistoryUseCase.BalanceAt b) {
            return new BalanceView(b.accountId().value(), b.at().toString(), credits(b.balance()), b.balance().value(),
                    b.eventsCounted(), b.lastEvent().map(e -> new LastEventView(e.sequence(), e.type(),
                    e.timestamp().toString())).orElse(null));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LastEventView(long sequence, String type, String timestamp) {
    }
}
