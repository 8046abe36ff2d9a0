package dev.switchgear.adapter.graphql;

import static dev.switchgear.adapter.graphql.GraphQlArguments.accountId;
import static dev.switchgear.adapter.graphql.GraphQlArguments.instant;

import dev.switchgear.application.port.in.credit.AccountSummary;
import dev.switchgear.application.port.in.credit.ManageAccountsUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.usage.QueryUsageUseCase;
import dev.switchgear.application.port.in.usage.UsageReport;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.application.port.out.usage.UsageTotals;
import dev.switchgear.domain.shared.AccountId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** GraphQL queries over accounts and usage; every answer is limited to what the caller may see. */
@Controller
public class AnalyticsController {

    private static final Duration DEFAULT_RANGE = Duration.ofDays(30);

    private final ManageAccountsUseCase accounts;
    private final QueryUsageUseCase usage;
    private final Clock clock;

    public AnalyticsController(ManageAccountsUseCase accounts, QueryUsageUseCase usage, Clock clock) {
        this.accounts = accounts;
        this.usage = usage;
        this.clock = clock;
    }

    @QueryMapping
    AccountView account(@ContextValue(name = GraphQlAuthentication.CALLER, required = false) Caller caller,
                        @Argument String id) {
        Caller signedIn = required(caller);
        return AccountView.of(accounts.summary(signedIn, accountId(id, "id")));
    }

    @QueryMapping
    UsageReportView usage(@ContextValue(name = GraphQlAuthentication.CALLER, required = false) Caller caller,
                          @Argument String accountId, @Argument String from, @Argument String to) {
        Caller signedIn = required(caller);
        AccountId account = accountId(accountId, "accountId");
        Instant end = to == null ? clock.instant() : instant(to, "to");
        Instant start = from == null ? end.minus(DEFAULT_RANGE) : instant(from, "from");
        if (start.isAfter(end)) {
            throw new GraphQlErrors.BadArgumentException("from", "`from` must not be after `to`");
        }
        return UsageReportView.of(usage.usage(signedIn, account, start, end));
    }

    private static Caller required(Caller caller) {
        if (caller == null) {
            throw new GraphQlErrors.UnauthenticatedException();
        }
        return caller;
    }

    record AccountView(String id, String name, String tier, String balance, long balanceMicroCredits, String reserved) {
        static AccountView of(AccountSummary s) {
            return new AccountView(s.accountId().value(), s.name(), s.tier().code(),
                    s.balance().toCredits().toPlainString(), s.balance().value(), s.reserved().toCredits().toPlainString());
        }
    }

    record UsageReportView(String accountId, String from, String to, List<UsageRowView> rows, UsageTotalsView totals,
                           boolean truncated) {
        static UsageReportView of(UsageReport r) {
            return new UsageReportView(r.accountId().value(), r.from().toString(), r.to().toString(),
                    r.rows().stream().map(UsageRowView::of).toList(), UsageTotalsView.of(r.totals()), r.truncated());
        }
    }

    record UsageRowView(String requestId, String model, String provider, long inputTokens, long outputTokens,
                        boolean usageEstimated, boolean byok, String cost, String charged, long chargedMicroCredits,
                        String chargedAt, long cachedInputTokens, long cacheWrite5mTokens, long cacheWrite1hTokens,
                        long reasoningTokens) {
        static UsageRowView of(UsageRecord r) {
            return new UsageRowView(r.requestId().value(), r.model(), r.provider(), r.inputTokens(), r.outputTokens(),
                    r.usageEstimated(), r.byok(), r.cost().toCredits().toPlainString(), r.charged().toCredits().toPlainString(),
                    r.charged().value(), r.chargedAt().toString(), r.cachedInputTokens(), r.cacheWrite5mTokens(),
                    r.cacheWrite1hTokens(), r.reasoningTokens());
        }
    }

    record UsageTotalsView(long requests, long inputTokens, long outputTokens, String cost, String charged,
                           long chargedMicroCredits) {
        static UsageTotalsView of(UsageTotals t) {
            return new UsageTotalsView(t.requests(), t.inputTokens(), t.outputTokens(),
                    t.cost().toCredits().toPlainString(), t.charged().toCredits().toPlainString(), t.charged().value());
        }
    }
}
