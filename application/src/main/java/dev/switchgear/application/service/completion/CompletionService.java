package dev.switchgear.application.service.completion;

import dev.switchgear.application.port.in.completion.ChatCompletion;
import dev.switchgear.application.port.in.completion.ChatRequest;
import dev.switchgear.application.port.in.completion.ChunkSink;
import dev.switchgear.application.port.in.completion.CompleteChatUseCase;
import dev.switchgear.application.port.in.completion.CompletionError;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.completion.ListModelsUseCase;
import dev.switchgear.application.port.in.completion.StreamedCompletion;
import dev.switchgear.application.port.in.identity.Caller;
import dev.switchgear.application.port.out.completion.CompletionProvider;
import dev.switchgear.application.port.out.completion.StreamOutcome;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamCredential;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import dev.switchgear.application.port.out.routing.ProviderHealth;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.application.service.keyring.ByokKeys;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.routing.Catalog;
import dev.switchgear.domain.routing.Router;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.routing.api.PowerLevel;
import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The path of one completion: route it (the {@link Router} over the current catalog: the caller's
 * tier, power level, own keys and provider health), hold the worst case of the candidates it may
 * try, call them in order — falling back on a retryable failure (unreachable, timeout, 429, 5xx)
 * before anything reached the caller, within the rules' attempt limit and a total deadline — charge
 * the actual usage at the chosen model's price, the power level's multiplier and the tier's markup
 * (ADR 0002), with the routing
 * decision recorded, and (by default) wait until the charge is durable before answering.
 *
 * <p>The hold is an upper bound of the cost: the request body's size in bytes bounds its prompt
 * tokens (a token is at least one byte of text), and the output is bounded by the caller's
 * {@code max_tokens} or the model's default cap, which is sent upstream when the caller set none.
 */
public class CompletionService implements CompleteChatUseCase, ListModelsUseCase {

    private static final Logger LOG = Logger.getLogger(CompletionService.class.getName());

    /** Models named {@code custom/<model>} go to the caller's own OpenAI-compatible endpoint. */
    public static final String CUSTOM_PREFIX = "custom/";
    private static final String CUSTOM_PROVIDER = "custom";
    private static final int CUSTOM_DEFAULT_MAX_OUTPUT = 4096;
    private static final int CUSTOM_CONTEXT = 1_000_000;

    private final Supplier<Catalog> catalog;
    private final Map<String, CompletionProvider> providers;
    private final Set<String> platformConnected;
    private final ProviderHealth health;
    private final CreditLedger ledger;
    private final Supplier<UUID> ids;
    private final Settings settings;
    private final ByokKeys byok;

    /**
     * @param waitForDurableCharge answer only after the charge is committed (the default for money);
     *                             when false, a crash can lose the charges of the last commit window
     * @param chargeTimeout        how long an answer waits for its charge to commit
     * @param byokFeeBasisPoints   the fee on calls with the caller's own key, in basis points of the list price
     * @param routeDeadline        how long one request may spend trying candidates before giving up
     */
    public record Settings(boolean waitForDurableCharge, Duration chargeTimeout, int byokFeeBasisPoints,
                           Duration routeDeadline) {

        public Settings(boolean waitForDurableCharge, Duration chargeTimeout) {
            this(waitForDurableCharge, chargeTimeout, 0, Duration.ofMinutes(10));
        }

        public Settings(boolean waitForDurableCharge, Duration chargeTimeout, int byokFeeBasisPoints) {
            this(waitForDurableCharge, chargeTimeout, byokFeeBasisPoints, Duration.ofMinutes(10));
        }

        public Settings {
            if (byokFeeBasisPoints < 0 || byokFeeBasisPoints > 10_000) {
                throw new IllegalArgumentException("the BYOK fee is 0 to 10000 basis points of the model's price");
            }
        }
    }

    /** @param byok the callers' own provider keys; null when BYOK is not offered */
    public CompletionService(Supplier<Catalog> catalog, Collection<CompletionProvider> providers, ProviderHealth health,
                             CreditLedger ledger, Supplier<UUID> ids, Settings settings, ByokKeys byok) {
        this.catalog = catalog;
        this.providers = providers.stream().collect(Collectors.toUnmodifiableMap(CompletionProvider::providerId,
                Function.identity()));
        this.platformConnected = this.providers.values().stream().filter(CompletionProvider::hasPlatformCredential)
                .map(CompletionProvider::providerId).collect(Collectors.toUnmodifiableSet());
        this.health = health;
        this.ledger = ledger;
        this.ids = ids;
        this.settings = settings;
        this.byok = byok;
    }

    @Override
    public ChatCompletion complete(Caller caller, ChatRequest request) {
        Plan plan = plan(caller, request);
        return attempt(plan, (candidate, call) -> {
            UpstreamReply reply = candidate.provider().complete(call);
            MicroCredits charged = charge(plan, candidate, reply.usage(), reply.usageEstimated());
            return new ChatCompletion(plan.requestId(), candidate.model().id(), candidate.model().provider(),
                    reply.body(), reply.usage(), charged);
        });
    }

    @Override
    public StreamedCompletion stream(Caller caller, ChatRequest request, ChunkSink sink) {
        Plan plan = plan(caller, request);
        return attempt(plan, (candidate, call) -> {
            StreamOutcome outcome = candidate.provider().stream(call, sink::chunk);
            MicroCredits charged = charge(plan, candidate, outcome.usage(), outcome.usageEstimated());
            UpstreamCredential own = call.credential();
            return new StreamedCompletion(plan.requestId(), outcome.usage(), outcome.usageEstimated(), charged,
                    own == null ? outcome.failure() : outcome.failure().map(own::scrub));
        });
    }

    /**
     * The models this caller can use now: its tier's (or those it holds its own key for), whose
     * provider is connected.
     */
    @Override
    public List<AvailableModel> models(Caller caller) {
        Catalog now = catalog.get();
        Set<String> own = caller.accountId().map(this::ownProviders).orElse(Set.of());
        Tier tier = caller.accountId().map(a -> ledger.summary(a).map(x -> x.tier()).orElse(Tier.FREE))
                .orElse(Tier.ENTERPRISE);
        return now.models().stream()
                .filter(m -> platformConnected.contains(m.provider()) || (own.contains(m.provider())
                        && providers.containsKey(m.provider())))
                .filter(m -> m.minTier().ordinal() <= tier.ordinal() || own.contains(m.provider()))
                .map(m -> new AvailableModel(m.id(), m.provider()))
                .toList();
    }

    private Set<String> ownProviders(AccountId account) {
        return byok == null ? Set.of() : byok.providersOf(account);
    }

    // ---- routing and admission ------------------------------------------------------------------

    /** One model to try: its provider, the price and multiplier it is charged at, and whether on the caller's key. */
    private record Candidate(CatalogModel model, CompletionProvider provider, boolean own, ModelPrice price,
                             int multiplierBasisPoints) {
    }

    private record Plan(AccountId account, RequestId requestId, ChatRequest request, Router.Decision decision,
                        List<Candidate> candidates, CreditLedger.Hold hold, List<RoutingTrace.Attempt> attempts,
                        long deadlineNanos) {
    }

    private Plan plan(Caller caller, ChatRequest request) {
        AccountId account = caller.account();
        Catalog now = catalog.get();
        Tier tier = ledger.tierOf(account);
        boolean preferOwn = request.preferByok() && now.prefersByok(account);
        Set<String> own = preferOwn ? ownProviders(account) : Set.of();
        PowerLevel level = request.powerLevel().orElseGet(() -> now.powerLevelOf(account));
        Router.Decision decision;
        if (request.model().startsWith(CUSTOM_PREFIX) && request.model().length() > CUSTOM_PREFIX.length()
                && providers.containsKey(CUSTOM_PROVIDER)) {
            decision = customDecision(request, level, now, own);
        } else {
            Set<String> connected = new HashSet<>(platformConnected);
            own.stream().filter(providers::containsKey).forEach(connected::add);
            int promptTokens = request.body().length / 4;
            decision = Router.route(now, new Router.Request(request.model(), tier, level, promptTokens,
                    request.maxOutputTokens().orElse(0), request.needs(), connected, own, preferOwn), health);
        }
        if (!decision.known()) {
            throw new CompletionException(CompletionError.MODEL_NOT_FOUND,
                    "The model `" + request.model() + "` does not exist or is not available");
        }
        if (decision.candidates().isEmpty()) {
            throw noRoute(request, decision);
        }
        int limit = Math.max(1, now.rules().maxAttempts());
        List<Candidate> candidates = new ArrayList<>(Math.min(limit, decision.candidates().size()));
        for (CatalogModel model : decision.candidates()) {
            if (candidates.size() == limit) {
                break;
            }
            boolean onOwnKey = own.contains(model.provider());
            ModelPrice list = new ModelPrice(model.inputPer1k(), model.outputPer1k());
            candidates.add(onOwnKey
                    ? new Candidate(model, providers.get(model.provider()), true, byokPrice(list), ModelPrice.FULL)
                    : new Candidate(model, providers.get(model.provider()), false, list,
                    decision.level().multiplierBasisPoints()));
        }
        MicroCredits estimate = MicroCredits.ZERO;
        boolean allOwn = true;
        for (Candidate candidate : candidates) {
            int maxOutput = request.maxOutputTokens().orElse(candidate.model().defaultMaxOutputTokens());
            MicroCredits worst = candidate.price().costOf(new TokenUsage(request.body().length, maxOutput),
                    candidate.multiplierBasisPoints(), candidate.own() ? 0 : tier.markupBasisPoints());
            estimate = MicroCredits.max(estimate, worst);
            allOwn &= candidate.own();
        }
        RequestId requestId = request.requestId().orElseGet(() -> new RequestId("chatcmpl-" + ids.get()));
        CreditLedger.Hold hold = ledger.admit(account, requestId, estimate, allOwn);
        return new Plan(account, requestId, request, decision, candidates, hold, new ArrayList<>(),
                System.nanoTime() + settings.routeDeadline().toNanos());
    }

    private Router.Decision customDecision(ChatRequest request, PowerLevel level, Catalog now, Set<String> own) {
        CatalogModel model = new CatalogModel(request.model(), CUSTOM_PROVIDER,
                request.model().substring(CUSTOM_PREFIX.length()), 0, 0, CUSTOM_CONTEXT, CUSTOM_DEFAULT_MAX_OUTPUT,
                Tier.FREE, null, 0, null);
        if (!own.contains(CUSTOM_PROVIDER)) {
            return new Router.Decision(true, request.model(), level, now.version(), null, List.of(),
                    List.of(new RoutingTrace.Skip(model.id(), Router.NOT_CONNECTED,
                            "no custom endpoint key of your own")));
        }
        return new Router.Decision(true, request.model(), level, now.version(), null, List.of(model), List.of());
    }

    private static CompletionException noRoute(ChatRequest request, Router.Decision decision) {
        String reasons = decision.skipped().stream().limit(5).map(s -> s.model() + ": " + s.reason())
                .collect(Collectors.joining("; "));
        Set<String> codes = decision.skipped().stream().map(RoutingTrace.Skip::code).collect(Collectors.toSet());
        String message = "No model can serve `" + request.model() + "` for you now (" + reasons + ")";
        if (codes.equals(Set.of(Router.NOT_CONNECTED))) {
            return new CompletionException(CompletionError.OWN_KEY_REQUIRED, "The model `" + request.model()
                    + "` is available only with your own provider key; add one with POST /api/v1/byok/keys/add"
                    + " (" + reasons + ")");
        }
        if (codes.equals(Set.of(Router.TIER))) {
            return new CompletionException(CompletionError.MODEL_NOT_ALLOWED, message);
        }
        if (codes.contains(Router.UNHEALTHY)) {
            return new CompletionException(CompletionError.UPSTREAM_UNAVAILABLE, message, 503, Optional.empty());
        }
        return new CompletionException(CompletionError.NO_ELIGIBLE_MODEL, message);
    }

    /** The price of a call on the caller's own key: the configured fee's share of the model's price. */
    private ModelPrice byokPrice(ModelPrice list) {
        int bp = settings.byokFeeBasisPoints();
        return bp == 0 ? ModelPrice.FREE : new ModelPrice(
                -Math.floorDiv(-Math.multiplyExact(list.inputPer1kTokens(), (long) bp), 10_000L),
                -Math.floorDiv(-Math.multiplyExact(list.outputPer1kTokens(), (long) bp), 10_000L));
    }

    // ---- calling the candidates -----------------------------------------------------------------

    @FunctionalInterface
    private interface Call<T> {
        T send(Candidate candidate, UpstreamCall call);
    }

    /**
     * Tries the candidates in order. A retryable failure (the provider could not be reached, timed
     * out, rate limited or failed) moves on to the next; anything else, or running out of candidates
     * or time, gives the hold back and fails with the last failure.
     */
    private <T> T attempt(Plan plan, Call<T> send) {
        UpstreamException last = null;
        UpstreamCredential lastOwn = null;
        for (Candidate candidate : plan.candidates()) {
            if (last != null && System.nanoTime() > plan.deadlineNanos()) {
                break;
            }
            UpstreamCredential own = candidate.own()
                    ? byok.credentialFor(plan.account(), candidate.model().provider()).orElse(null) : null;
            if (candidate.own() && own == null) {
                continue; // the key went away (removed or shredded) since routing
            }
            UpstreamCall call = new UpstreamCall(candidate.model().upstreamModel(), plan.request().body(),
                    plan.request().maxOutputTokens().isPresent() ? null : candidate.model().defaultMaxOutputTokens(),
                    plan.request().usageChunkForCaller(), own);
            long started = System.nanoTime();
            try {
                current.set(new Attempting(candidate, started));
                return send.send(candidate, call);
            } catch (UpstreamException e) {
                long elapsed = System.nanoTime() - started;
                if (countsAgainstProvider(e, own)) {
                    health.recordFailure(candidate.model().provider(), candidate.model().id(), elapsed, e.kind().name());
                }
                plan.attempts().add(new RoutingTrace.Attempt(candidate.model().id(), candidate.model().provider(),
                        own != null, e.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + (e.status() > 0 ? " " + e.status() : ""), elapsed / 1_000_000));
                last = e;
                lastOwn = own;
                if (e.kind() == UpstreamException.Kind.REJECTED) {
                    break;
                }
            } catch (RuntimeException e) {
                ledger.release(plan.hold());
                throw e;
            } finally {
                current.remove();
            }
        }
        ledger.release(plan.hold());
        if (last == null) {
            throw new CompletionException(CompletionError.OWN_KEY_REQUIRED, "Your own provider key for `"
                    + plan.request().model() + "` is no longer available");
        }
        throw translate(last, lastOwn);
    }

    /**
     * Whether a failure says something about the provider's health: it was unavailable, or it rate
     * limited the platform's key. A request it rejected (4xx) or a limit on a caller's own key is
     * about that request or that caller, and must not open the circuit for everyone else.
     */
    private static boolean countsAgainstProvider(UpstreamException e, UpstreamCredential own) {
        return e.kind() == UpstreamException.Kind.UNAVAILABLE && !(own != null && (e.status() == 401 || e.status() == 403))
                || e.kind() == UpstreamException.Kind.RATE_LIMITED && own == null;
    }

    /** The attempt running on this thread, so the charge can record its latency. */
    private record Attempting(Candidate candidate, long startedNanos) {
    }

    private final ThreadLocal<Attempting> current = new ThreadLocal<>();

    /** Settles the hold at the actual usage; by default returns only once the charge is durable. */
    private MicroCredits charge(Plan plan, Candidate candidate, TokenUsage usage, boolean usageEstimated) {
        Attempting attempting = current.get();
        long elapsed = attempting == null ? 0 : System.nanoTime() - attempting.startedNanos();
        health.recordSuccess(candidate.model().provider(), candidate.model().id(), elapsed);
        plan.attempts().add(new RoutingTrace.Attempt(candidate.model().id(), candidate.model().provider(),
                candidate.own(), "ok", elapsed / 1_000_000));
        Router.Decision decision = plan.decision();
        RoutingTrace trace = new RoutingTrace(decision.requested(), decision.level().code(), decision.catalogVersion(),
                decision.chain(), decision.candidates().stream().map(CatalogModel::id).toList(), decision.skipped(),
                plan.attempts());
        CreditLedger.Settlement settlement = ledger.settle(plan.hold(), candidate.model().id(),
                candidate.model().provider(), usage, usageEstimated, candidate.price(), candidate.own(),
                candidate.multiplierBasisPoints(), trace);
        if (settings.waitForDurableCharge()) {
            awaitDurable(settlement.durable(), plan.requestId());
        }
        return settlement.charge().charged();
    }

    private void awaitDurable(CompletableFuture<UsageCharged> durable, RequestId requestId) {
        try {
            durable.get(settings.chargeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw chargeNotRecorded(requestId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw chargeNotRecorded(requestId, e);
        }
    }

    private static CompletionException chargeNotRecorded(RequestId requestId, Exception cause) {
        LOG.log(Level.SEVERE, "the charge of request " + requestId + " could not be confirmed as stored", cause);
        return new CompletionException(CompletionError.CHARGE_NOT_RECORDED,
                "The completion succeeded but its charge could not be recorded; request id " + requestId);
    }

    private static CompletionException translate(UpstreamException e, UpstreamCredential own) {
        String message = own == null ? e.getMessage() : own.scrub(e.getMessage());
        return switch (e.kind()) {
            case REJECTED -> new CompletionException(CompletionError.UPSTREAM_REJECTED, message, e.status(),
                    e.retryAfter());
            case RATE_LIMITED -> new CompletionException(CompletionError.UPSTREAM_RATE_LIMITED, message,
                    e.status(), e.retryAfter());
            case UNAVAILABLE -> new CompletionException(CompletionError.UPSTREAM_UNAVAILABLE, message,
                    e.status(), e.retryAfter());
        };
    }
}
