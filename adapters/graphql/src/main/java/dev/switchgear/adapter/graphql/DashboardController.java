package dev.switchgear.adapter.graphql;

import static dev.switchgear.adapter.graphql.GraphQlArguments.accountId;
import static dev.switchgear.adapter.graphql.GraphQlArguments.instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.application.port.in.audit.QueryAuditUseCase;
import dev.switchgear.application.port.in.credit.AccountEvent;
import dev.switchgear.application.port.in.credit.ManageAccountsUseCase;
import dev.switchgear.application.port.in.routing.ExplainUseCase;
import dev.switchgear.application.port.in.routing.ManageCatalogUseCase;
import dev.switchgear.application.port.in.routing.SearchCatalogUseCase;
import dev.switchgear.application.port.in.routing.SearchCatalogUseCase.ModelFacts;
import dev.switchgear.application.port.in.routing.SearchCatalogUseCase.ModelPage;
import dev.switchgear.application.port.in.routing.SearchCatalogUseCase.ModelQuery;
import dev.switchgear.application.port.in.routing.SearchCatalogUseCase.ModelSort;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.usage.AnalyticsScope;
import dev.switchgear.application.port.in.usage.UsageAnalyticsUseCase;
import dev.switchgear.application.port.out.audit.AuditAction;
import dev.switchgear.application.port.out.audit.AuditCursor;
import dev.switchgear.application.port.out.audit.AuditEntry;
import dev.switchgear.application.port.out.audit.AuditPage;
import dev.switchgear.application.port.out.audit.AuditQuery;
import dev.switchgear.application.port.out.routing.ModelStatus;
import dev.switchgear.application.port.out.routing.ProviderStatus;
import dev.switchgear.application.port.out.usage.Bucket;
import dev.switchgear.application.port.out.usage.Dimension;
import dev.switchgear.application.port.out.usage.UsagePoint;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.application.port.out.usage.UsageSlice;
import dev.switchgear.domain.credit.api.CreditsGranted;
import dev.switchgear.domain.credit.api.CreditsPurchased;
import dev.switchgear.domain.credit.api.CreditsRefunded;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.routing.api.Capability;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * The dashboard's GraphQL queries (ADR 0024): usage series and breakdowns, model popularity, the
 * catalog searched, providers, credit history, the audit trail and explanations. Every query
 * needs a caller and answers only what it may see: the use cases resolve a left-out account to the
 * caller's own and refuse another account's (ACCOUNT_NOT_FOUND) or the platform's (ADMIN_REQUIRED).
 */
@Controller
public class DashboardController {

    private static final Instant EARLIEST = GraphQlArguments.EARLIEST;
    private static final Instant LATEST = GraphQlArguments.LATEST;
    private static final int MAX_PAGE = 200;
    private static final int HISTORY_CHUNK = 200;

    private final UsageAnalyticsUseCase usage;
    private final SearchCatalogUseCase search;
    private final ManageCatalogUseCase catalog;
    private final ManageAccountsUseCase accounts;
    private final QueryAuditUseCase audit;
    private final ExplainUseCase explain;
    private final ObjectMapper json;

    public DashboardController(UsageAnalyticsUseCase usage, SearchCatalogUseCase search, ManageCatalogUseCase catalog,
                               ManageAccountsUseCase accounts, QueryAuditUseCase audit, ExplainUseCase explain,
                               ObjectMapper json) {
        this.usage = usage;
        this.search = search;
        this.catalog = catalog;
        this.accounts = accounts;
        this.audit = audit;
        this.explain = explain;
        this.json = json;
    }

    @QueryMapping
    List<PointView> usageSeries(@ContextValue(name = GraphQlAuthentication.CALLER, required = false) Caller caller,
                                @Argument String accountId, @Argument Boolean platformWide, @Argument String from,
                                @Argument String to, @Argument Bucket bucket) {
        Caller signedIn = required(caller);
        return usage.series(signedIn, scope(accountId, platformWide), instant(from, "from"), instant(to, "to"), bucket)
                .stream().map(PointView::of).toList();
    }

    @QueryMapping
    List<SliceView> usageBreakdown(@ContextValue(name = GraphQlAuthentication.CALLER, required = false) Caller caller,
                                   @Argument String accountId, @Argument Boolean platformWide, @Argument String from,
                                   @Argument String to, @Argument Dimension by) {
        Caller signedIn = required(caller);
        return usage.breakdown(signedIn, scope(accountId, platformWide), instant(from, "from"), instant(to, "to"), by)
                .stream().map(SliceView::of).toList();
    }

    @QueryMapping
    List<SliceView> modelPopularity(@ContextValue(name = GraphQlAuthentication.CALLER, required = false) Caller caller,
                                    @Argument String from, @Argument String to, @Argument Integer limit) {
        Caller signedIn = required(caller);
        int max = limit == null ? 10 : limit;
        if (max < 1 || max > 100) {
            throw new GraphQlErrors.BadArgumentException("limit", "`limit` is 1 to 100");
        }
        return usage.modelPopularity(signedIn, instant(from, "from"), instant(to, "to"), max).stream()
                .map(SliceView::of).toList();
    }

    @QueryMapping
    ModelConnectionView models(@ContextValue(name = GraphQlAuthentication.CALLER, required = false) Caller caller,
                               @Argument Map<String, Object> filter, @Argument ModelSort sort, @Argument Integer first,
                               @Argument String after) {
        Caller signedIn = required(caller);
        int size = first == null ? 20 : first;
        if (size < 1 || size > ModelQuery.MAX_FIRST) {
            throw new GraphQlErrors.BadArgumentException("first", "`first` is 1 to " + ModelQuery.MAX_FIRST);
        }
        Map<String, Object> f = filter == null ? Map.of() : filter;
        ModelQuery query = new ModelQuery(text(f, "text", 200), text(f, "provider", 100),
                text(f, "tier", 20).map(DashboardController::tier), text(f, "useCase", 100),
                text(f, "capability", 20).map(DashboardController::capability),
                Optional.ofNullable((Integer) f.get("minContext")),
                text(f, "maxPricePer1k", 40).map(DashboardController::price), sort, size,
                Optional.ofNullable(after));
        ModelPage page;
        try {
            page = search.search(signedIn, query);
        } catch (IllegalArgumentException e) {
            throw new GraphQlErrors.BadArgumentException("after", e.getMessage());
        }
        List<ModelEdgeView> edges = page.models().stream().map(m -> new ModelEdgeView(m.cursor(), ModelView.of(m)))
                .toList();
        return new ModelConnectionView(edges, PageInfoView.of(edges.stream().map(ModelEdgeView::cursor).toList(),
                page.hasNextPage(), page.hasPreviousPage()), page.totalCount());
    }

    @QueryMapping
    List<ProviderView> providers(@ContextValue(name = GraphQlAuthentication.CALLER, required = false) Caller caller) {
        required(caller);
        return catalog.providers().stream().map(ProviderView::of).toList();
    }

    @QueryMapping
    CreditConnectionView creditHistory(@ContextValue(name = GraphQlAuthentication.CALLER, required = false) Caller caller,
                                       @Argument String accountId, @Argument Integer first, @Argument String after) {
        Caller signedIn = required(caller);
        AccountId account = accountId == null ? signedIn.account() : accountId(accountId, "accountId");
        int size = first == null ? 50 : first;
        if (size < 1 || size > MAX_PAGE) {
            throw new GraphQlErrors.BadArgumentException("first", "`first` is 1 to " + MAX_PAGE);
        }
        long last = accounts.lastSequence(signedIn, account);
        long before = after == null ? last + 1 : sequenceOf(after);
        List<CreditEdgeView> edges = new ArrayList<>();
        long newest = Math.min(before - 1, last);
        boolean more = false;
        while (newest >= 0 && !more) {
            long oldest = Math.max(0, newest - HISTORY_CHUNK + 1);
            List<AccountEvent> events = accounts.history(signedIn, account, oldest, (int) (newest - oldest + 1));
            for (int i = events.size() - 1; i >= 0; i--) {
                Optional<CreditTransactionView> row = CreditTransactionView.of(events.get(i));
                if (row.isEmpty()) {
                    continue;
                }
                if (edges.size() == size) {
                    more = true;
                    break;
                }
                edges.add(new CreditEdgeView(sequenceCursor(row.get().sequence()), row.get()));
            }
            newest = oldest - 1;
        }
        return new CreditConnectionView(edges, PageInfoView.of(edges.stream().map(CreditEdgeView::cursor).toList(),
                more, after != null));
    }

    @QueryMapping
    AuditConnectionView auditTrail(@ContextValue(name = GraphQlAuthentication.CALLER, required = false) Caller caller,
                                   @Argument Map<String, Object> filter, @Argument Integer first,
                                   @Argument String after) {
        Caller signedIn = required(caller);
        int size = first == null ? 50 : first;
        if (size < 1 || size > AuditQuery.MAX_LIMIT) {
            throw new GraphQlErrors.BadArgumentException("first", "`first` is 1 to " + AuditQuery.MAX_LIMIT);
        }
        Map<String, Object> f = filter == null ? Map.of() : filter;
        Optional<Instant> from = text(f, "from", 40).map(t -> instant(t, "filter.from"));
        Optional<Instant> to = text(f, "to", 40).map(t -> instant(t, "filter.to"));
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new GraphQlErrors.BadArgumentException("filter.to", "`to` must be after `from`");
        }
        AuditQuery query = new AuditQuery(text(f, "accountId", 40).map(a -> accountId(a, "filter.accountId")),
                text(f, "actor", 200), actions(f.get("actions")), from, to,
                Optional.ofNullable(after).map(DashboardController::auditCursor), size);
        AuditPage page = audit.audit(signedIn, query);
        List<AuditEdgeView> edges = page.entries().stream()
                .map(e -> new AuditEdgeView(auditCursor(AuditCursor.after(e)), AuditEntryView.of(e, json))).toList();
        return new AuditConnectionView(edges, PageInfoView.of(edges.stream().map(AuditEdgeView::cursor).toList(),
                page.next().isPresent(), after != null));
    }

    @QueryMapping
    ExplanationView explain(@ContextValue(name = GraphQlAuthentication.CALLER, required = false) Caller caller,
                            @Argument String requestId) {
        Caller signedIn = required(caller);
        RequestId id;
        try {
            id = new RequestId(requestId);
        } catch (IllegalArgumentException e) {
            throw new GraphQlErrors.BadArgumentException("requestId", "`requestId` is not a request id");
        }
        return explain.explain(signedIn, id).map(ExplanationView::of).orElse(null);
    }

    private static Caller required(Caller caller) {
        if (caller == null) {
            throw new GraphQlErrors.UnauthenticatedException();
        }
        return caller;
    }

    private static AnalyticsScope scope(String accountId, Boolean platformWide) {
        boolean all = Boolean.TRUE.equals(platformWide);
        if (all && accountId != null) {
            throw new GraphQlErrors.BadArgumentException("platformWide", "name an account or ask platform-wide, not "
                    + "both");
        }
        return new AnalyticsScope(Optional.ofNullable(accountId).map(a -> accountId(a, "accountId")), all);
    }

    private static Optional<String> text(Map<String, Object> filter, String name, int maxLength) {
        Object value = filter.get(name);
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString();
        if (text.length() > maxLength) {
            throw new GraphQlErrors.BadArgumentException("filter." + name, "`" + name + "` is at most " + maxLength
                    + " characters");
        }
        return Optional.of(text);
    }

    private static Tier tier(String raw) {
        try {
            return Tier.fromCode(raw);
        } catch (IllegalArgumentException e) {
            throw new GraphQlErrors.BadArgumentException("filter.tier", "`tier` is free, starter, professional or "
                    + "enterprise");
        }
    }

    private static Capability capability(String raw) {
        try {
            return Capability.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new GraphQlErrors.BadArgumentException("filter.capability", "`capability` is tools, json or vision");
        }
    }

    private static long price(String raw) {
        try {
            MicroCredits price = MicroCredits.ofCredits(new BigDecimal(raw.strip()));
            if (price.isNegative()) {
                throw new IllegalArgumentException("negative");
            }
            return price.value();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new GraphQlErrors.BadArgumentException("filter.maxPricePer1k", "`maxPricePer1k` is a non-negative "
                    + "number of credits with at most six decimal places, such as \"0.02\"");
        }
    }

    private static Set<AuditAction> actions(Object raw) {
        if (raw == null) {
            return Set.of();
        }
        Set<AuditAction> actions = EnumSet.noneOf(AuditAction.class);
        for (Object code : (List<?>) raw) {
            actions.add(AuditAction.fromCode(String.valueOf(code)).orElseThrow(() -> new GraphQlErrors
                    .BadArgumentException("filter.actions", "`actions` holds an unknown action")));
        }
        return actions;
    }

    private static String sequenceCursor(long sequence) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("seq:" + sequence)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static long sequenceOf(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith("seq:")) {
                long sequence = Long.parseLong(decoded.substring(4));
                if (sequence >= 0) {
                    return sequence;
                }
            }
        } catch (IllegalArgumentException unreadable) {
            // refused below
        }
        throw new GraphQlErrors.BadArgumentException("after", "`after` is not a cursor of this history");
    }

    private static String auditCursor(AuditCursor after) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((after.at() + "|" + after.id())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static AuditCursor auditCursor(String raw) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            if (raw.length() <= 300 && bar > 0 && bar < decoded.length() - 1) {
                Instant at = Instant.parse(decoded.substring(0, bar));
                if (!at.isBefore(EARLIEST) && !at.isAfter(LATEST)) {
                    return new AuditCursor(at, decoded.substring(bar + 1));
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException unreadable) {
            // refused below
        }
        throw new GraphQlErrors.BadArgumentException("after", "`after` is not a cursor of this log");
    }

    private static String credits(MicroCredits amount) {
        return amount.toCredits().toPlainString();
    }

    record PointView(String start, long requests, long inputTokens, long outputTokens, String cost,
                     long costMicroCredits, long byokRequests, long estimatedRequests, long failedRequests,
                     long fallbackRequests) {
        static PointView of(UsagePoint p) {
            return new PointView(p.start().toString(), p.requests(), p.inputTokens(), p.outputTokens(),
                    credits(p.cost()), p.cost().value(), p.byokRequests(), p.estimatedRequests(), p.failedRequests(),
                    p.fallbackRequests());
        }
    }

    record SliceView(String key, long requests, long tokens, String cost, long costMicroCredits, double share) {
        static SliceView of(UsageSlice s) {
            return new SliceView(s.key(), s.requests(), s.tokens(), credits(s.cost()), s.cost().value(), s.share());
        }
    }

    record PageInfoView(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
        static PageInfoView of(List<String> cursors, boolean hasNext, boolean hasPrevious) {
            return new PageInfoView(hasNext, hasPrevious, cursors.isEmpty() ? null : cursors.get(0),
                    cursors.isEmpty() ? null : cursors.get(cursors.size() - 1));
        }
    }

    record ModelConnectionView(List<ModelEdgeView> edges, PageInfoView pageInfo, int totalCount) {
    }

    record ModelEdgeView(String cursor, ModelView node) {
    }

    record ModelView(String id, String provider, String upstreamModel, String inputPer1k, String outputPer1k,
                     int contextTokens, String minTier, List<String> capabilities, List<String> useCases, int quality,
                     boolean availableToMe, Long latencyP50Ms, Long latencyP95Ms, Double successRate,
                     long requests30d) {
        static ModelView of(ModelFacts facts) {
            CatalogModel m = facts.model();
            Optional<ModelStatus> observed = facts.health().filter(h -> h.samples() > 0);
            return new ModelView(m.id(), m.provider(), m.upstreamModel(), credits(MicroCredits.of(m.inputPer1k())),
                    credits(MicroCredits.of(m.outputPer1k())), m.contextTokens(), m.minTier().code(),
                    m.capabilities().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).sorted().toList(),
                    m.useCases().stream().sorted().toList(), m.quality(), facts.availableToMe(),
                    observed.map(ModelStatus::p50Millis).orElse(null),
                    observed.map(ModelStatus::p95Millis).orElse(null),
                    observed.map(ModelStatus::successRate).orElse(null), facts.requests30d());
        }
    }

    record ProviderView(String id, String name, String type, boolean local, boolean connected,
                        ProviderHealthView health) {
        static ProviderView of(ManageCatalogUseCase.ProviderView p) {
            return new ProviderView(p.provider().id(), p.provider().name(), p.provider().type(), p.provider().local(),
                    p.connected(), p.health().map(ProviderHealthView::of).orElse(null));
        }
    }

    record ProviderHealthView(String status, double successRate, long p50Ms, long p95Ms, long samples,
                              String lastTransition, String lastProbe) {
        static ProviderHealthView of(ProviderStatus h) {
            return new ProviderHealthView(h.state(), h.successRate(), h.p50Millis(), h.p95Millis(), h.samples(),
                    h.lastTransition().map(Object::toString).orElse(null),
                    h.lastProbe().map(Object::toString).orElse(null));
        }
    }

    record CreditConnectionView(List<CreditEdgeView> edges, PageInfoView pageInfo) {
    }

    record CreditEdgeView(String cursor, CreditTransactionView node) {
    }

    record CreditTransactionView(long sequence, String at, String type, String amount, long amountMicroCredits,
                                 String balanceAfter, String requestId, String model, String reason) {
        static Optional<CreditTransactionView> of(AccountEvent e) {
            Object p = e.payload();
            String at = e.timestamp().toString();
            if (p instanceof CreditsGranted g) {
                return Optional.of(new CreditTransactionView(e.sequence(), at, "grant", credits(g.amount()),
                        g.amount().value(), credits(g.balanceAfter()), null, null, g.reason()));
            }
            if (p instanceof CreditsPurchased b) {
                return Optional.of(new CreditTransactionView(e.sequence(), at, "purchase", credits(b.credits()),
                        b.credits().value(), credits(b.balanceAfter()), null, null, null));
            }
            if (p instanceof CreditsRefunded r) {
                MicroCredits amount = MicroCredits.of(-r.credits().value());
                return Optional.of(new CreditTransactionView(e.sequence(), at, "refund", credits(amount),
                        amount.value(), credits(r.balanceAfter()), null, null, r.reason()));
            }
            if (p instanceof UsageCharged u) {
                MicroCredits amount = MicroCredits.of(-u.charged().value());
                return Optional.of(new CreditTransactionView(e.sequence(), at, "usage", credits(amount),
                        amount.value(), credits(u.balanceAfter()), u.requestId().value(), u.model(), null));
            }
            return Optional.empty();
        }
    }

    record AuditConnectionView(List<AuditEdgeView> edges, PageInfoView pageInfo) {
    }

    record AuditEdgeView(String cursor, AuditEntryView node) {
    }

    record AuditEntryView(String id, String at, String accountId, String actor, String actorRole, String action,
                          String target, String details, String clientAddress, String userAgent) {
        static AuditEntryView of(AuditEntry e, ObjectMapper json) {
            String details;
            try {
                details = json.writeValueAsString(e.details());
            } catch (JsonProcessingException unwritable) {
                details = "{}";
            }
            return new AuditEntryView(e.id(), e.at().toString(), e.accountId() == null ? null : e.accountId().value(),
                    e.actor(), e.actorRole(), e.action().code(), e.target(), details, e.clientAddress(),
                    e.userAgent());
        }
    }

    record ExplanationView(String requestId, String model, String provider, boolean byok, double multiplier,
                           String charged, String chargedAt, String requested, String powerLevel, Long catalogVersion,
                           String chain, List<String> candidates, List<RoutingTrace.Skip> skipped,
                           List<AttemptView> attempts) {
        static ExplanationView of(UsageRecord r) {
            RoutingTrace t = r.routing();
            return new ExplanationView(r.requestId().value(), r.model(), r.provider(), r.byok(),
                    r.multiplierBasisPoints() / 10_000.0, credits(r.charged()), r.chargedAt().toString(),
                    t == null ? null : t.requested(), t == null ? null : t.powerLevel(),
                    t == null ? null : t.catalogVersion(), t == null ? null : t.chain(),
                    t == null ? List.of() : t.candidates(), t == null ? List.of() : t.skipped(),
                    t == null ? List.of() : t.attempts().stream().map(AttemptView::of).toList());
        }
    }

    record AttemptView(String model, String provider, boolean byok, String outcome, long latencyMs) {
        static AttemptView of(RoutingTrace.Attempt a) {
            return new AttemptView(a.model(), a.provider(), a.byok(), a.outcome(), a.latencyMillis());
        }
    }
}
