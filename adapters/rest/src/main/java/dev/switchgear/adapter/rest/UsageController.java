package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.switchgear.application.port.in.credit.AccountEvent;
import dev.switchgear.application.port.in.credit.ManageAccountsUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.usage.AnalyticsScope;
import dev.switchgear.application.port.in.usage.UsageAnalyticsUseCase;
import dev.switchgear.application.port.in.usage.UsageOverview;
import dev.switchgear.application.port.out.usage.UsagePoint;
import dev.switchgear.application.port.out.usage.UsageSlice;
import dev.switchgear.domain.credit.api.CreditsGranted;
import dev.switchgear.domain.credit.api.CreditsPurchased;
import dev.switchgear.domain.credit.api.CreditsRefunded;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The usage dashboard over REST (ADR 0024): {@code GET /api/v1/llm/usage?days=30} (daily series,
 * provider breakdown, BYOK vs platform, power levels, model ranking) and the CSV exports of the
 * charged requests and of the credit history, written row by row as they are read — never held
 * whole. The caller's own account; the administrator names one with {@code account} (or, for the
 * dashboard, leaves it out for the whole platform).
 */
@RestController
public class UsageController {

    /** Rows between two flushes of an export to the client. */
    static final int FLUSH_EVERY = 500;
    private static final int HISTORY_CHUNK = 200;
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final UsageAnalyticsUseCase usage;
    private final ManageAccountsUseCase accounts;
    private final Clock clock;

    public UsageController(UsageAnalyticsUseCase usage, ManageAccountsUseCase accounts, Clock clock) {
        this.usage = usage;
        this.accounts = accounts;
        this.clock = clock;
    }

    @GetMapping("/api/v1/llm/usage")
    OverviewView overview(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                          @RequestParam(defaultValue = "30") String days,
                          @RequestParam(required = false) String account) {
        int range = QueryParameters.whole(days, "days", 1, 366);
        return OverviewView.of(usage.overview(caller, new AnalyticsScope(account(account), false), range));
    }

    @GetMapping("/api/v1/llm/usage/export")
    void exportUsage(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                     @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                     @RequestParam(defaultValue = "csv") String format,
                     @RequestParam(required = false) String account, HttpServletResponse response) throws IOException {
        csvOnly(format);
        Instant end = to == null ? clock.instant() : instant(to, "to");
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : instant(from, "from");
        if (!start.isBefore(end)) {
            throw new BadRequestException("`from` must be before `to`", "from");
        }
        AnalyticsScope scope = new AnalyticsScope(account(account), false);
        if (scope.account().isEmpty() && caller.accountId().isEmpty()) {
            throw new BadRequestException("name the account to export with `account`", "account");
        }
        Writer writer = csv(response, "usage.csv");
        CsvWriter csv = new CsvWriter(writer);
        int[] rows = {0};
        try {
            usage.export(caller, scope, start, end, r -> {
                try {
                    if (rows[0] == 0) {
                        csv.row("request_id", "charged_at", "model", "provider", "input_tokens", "output_tokens",
                                "usage_estimated", "byok", "multiplier", "cost", "charged", "charged_micro_credits");
                    }
                    csv.row(r.requestId().value(), r.chargedAt().toString(), r.model(), r.provider(), r.inputTokens(),
                            r.outputTokens(), r.usageEstimated(), r.byok(), r.multiplierBasisPoints() / 10_000.0,
                            number(r.cost()), number(r.charged()), r.charged().value());
                    if (++rows[0] % FLUSH_EVERY == 0) {
                        csv.flush();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException clientGone) {
            return;
        }
        if (rows[0] == 0) {
            csv.row("request_id", "charged_at", "model", "provider", "input_tokens", "output_tokens",
                    "usage_estimated", "byok", "multiplier", "cost", "charged", "charged_micro_credits");
        }
        csv.flush();
    }

    @GetMapping("/api/v1/llm/credits/history/export")
    void exportCredits(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                       @RequestParam(defaultValue = "csv") String format,
                       @RequestParam(required = false) String account, HttpServletResponse response)
            throws IOException {
        csvOnly(format);
        AccountId id = account(account).orElseGet(caller::account);
        long last = accounts.lastSequence(caller, id);
        CsvWriter csv = new CsvWriter(csv(response, "credit-history.csv"));
        csv.row("sequence", "at", "type", "amount", "amount_micro_credits", "balance_after", "request_id", "model",
                "reason");
        int rows = 0;
        for (long from = 0; from <= last; from += HISTORY_CHUNK) {
            List<AccountEvent> events = accounts.history(caller, id, from, HISTORY_CHUNK);
            for (AccountEvent e : events) {
                Object[] row = transaction(e);
                if (row != null) {
                    csv.row(row);
                    if (++rows % FLUSH_EVERY == 0) {
                        csv.flush();
                    }
                }
            }
            if (events.size() < HISTORY_CHUNK) {
                break;
            }
        }
        csv.flush();
    }

    private static Object[] transaction(AccountEvent e) {
        Object p = e.payload();
        String at = e.timestamp().toString();
        if (p instanceof CreditsGranted g) {
            return new Object[] {e.sequence(), at, "grant", number(g.amount()), g.amount().value(),
                    number(g.balanceAfter()), null, null, g.reason()};
        }
        if (p instanceof CreditsPurchased b) {
            return new Object[] {e.sequence(), at, "purchase", number(b.credits()), b.credits().value(),
                    number(b.balanceAfter()), null, null, null};
        }
        if (p instanceof CreditsRefunded r) {
            MicroCredits amount = MicroCredits.of(-r.credits().value());
            return new Object[] {e.sequence(), at, "refund", number(amount), amount.value(), number(r.balanceAfter()),
                    null, null, r.reason()};
        }
        if (p instanceof UsageCharged u) {
            MicroCredits amount = MicroCredits.of(-u.charged().value());
            return new Object[] {e.sequence(), at, "usage", number(amount), amount.value(), number(u.balanceAfter()),
                    u.requestId().value(), u.model(), null};
        }
        return null;
    }

    /** An amount of credits as a number cell (never neutralised: it is ours, not a caller's text). */
    private static java.math.BigDecimal number(MicroCredits amount) {
        return amount.toCredits();
    }

    private static Writer csv(HttpServletResponse response, String filename) throws IOException {
        response.setContentType("text/csv; charset=utf-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        response.setHeader("Cache-Control", "no-store");
        return new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    }

    private static void csvOnly(String format) {
        if (!"csv".equals(format)) {
            throw new BadRequestException("`format` must be csv", "format");
        }
    }

    private static Optional<AccountId> account(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AccountId(raw));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("`account` must be an account id (a UUID)", "account");
        }
    }

    private static Instant instant(String raw, String name) {
        try {
            Instant instant = Instant.parse(raw);
            if (!instant.isBefore(EARLIEST) && !instant.isAfter(LATEST)) {
                return instant;
            }
        } catch (DateTimeParseException unreadable) {
            // refused below
        }
        throw new BadRequestException("`" + name + "` must be an RFC 3339 instant such as 2026-01-31T00:00:00Z",
                name);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record OverviewView(String accountId, String from, String to, List<PointView> daily, List<SliceView> providers,
                        List<SliceView> keySources, List<SliceView> powerLevels, List<SliceView> models) {
        static OverviewView of(UsageOverview o) {
            return new OverviewView(o.account().map(AccountId::value).orElse(null), o.from().toString(),
                    o.to().toString(), o.daily().stream().map(PointView::of).toList(), slices(o.providers()),
                    slices(o.keySources()), slices(o.powerLevels()), slices(o.models()));
        }

        private static List<SliceView> slices(List<UsageSlice> slices) {
            return slices.stream().map(SliceView::of).toList();
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PointView(String start, long requests, long inputTokens, long outputTokens, String cost,
                     long costMicroCredits, long byokRequests, long estimatedRequests, long failedRequests,
                     long fallbackRequests) {
        static PointView of(UsagePoint p) {
            return new PointView(p.start().toString(), p.requests(), p.inputTokens(), p.outputTokens(),
                    p.cost().toCredits().toPlainString(), p.cost().value(), p.byokRequests(), p.estimatedRequests(),
                    p.failedRequests(), p.fallbackRequests());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SliceView(String key, long requests, long tokens, String cost, long costMicroCredits, double share) {
        static SliceView of(UsageSlice s) {
            return new SliceView(s.key(), s.requests(), s.tokens(), s.cost().toCredits().toPlainString(),
                    s.cost().value(), s.share());
        }
    }
}
