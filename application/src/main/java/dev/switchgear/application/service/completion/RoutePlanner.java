package dev.switchgear.application.service.completion;

import dev.switchgear.application.port.in.completion.ChatRequest;
import dev.switchgear.application.port.in.completion.CompletionError;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.credit.AccountStanding;
import dev.switchgear.application.port.out.completion.CompletionProvider;
import dev.switchgear.application.port.out.routing.ProviderHealth;
import dev.switchgear.application.service.keyring.ByokKeys;
import dev.switchgear.domain.routing.Catalog;
import dev.switchgear.domain.routing.Router;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.routing.api.Endpoint;
import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.shared.TokenUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Where the routing decision is made for a request: the {@link Router} over the current catalog
 * with the caller's tier, power level, own keys and provider health (or the caller's own custom
 * endpoint for {@code custom/<model>}), then the candidates priced — the list price at the power
 * level's multiplier, or the BYOK fee on the caller's own key — and the worst case held for them.
 * The worst case takes every prompt token at the price's highest input-side rate and every output
 * token at its highest output-side rate ({@link ModelPrice#ceiling()}), so no mix of cache reads,
 * cache writes and reasoning can cost more than was held (ADR 0023).
 *
 * <p>The worst case bounds the cost: the request body's size in bytes bounds its prompt tokens (a
 * token is at least one byte of text), and the output is bounded by the caller's
 * {@code max_tokens} or the model's default cap, which is sent upstream when the caller set none.
 *
 * <p>A model named for an endpoint it does not serve is refused with 400 before anything is held.
 * Embeddings name one model and get that model only: vectors of different models live in different
 * spaces (even at the same dimensions), so no other model may stand in for it (ADR 0022).
 */
final class RoutePlanner {

    /** Models named {@code custom/<model>} go to the caller's own OpenAI-compatible endpoint. */
    static final String CUSTOM_PREFIX = "custom/";
    private static final String CUSTOM_PROVIDER = "custom";
    private static final int CUSTOM_DEFAULT_MAX_OUTPUT = 4096;
    private static final int CUSTOM_CONTEXT = 1_000_000;

    private final Supplier<Catalog> catalog;
    private final Map<String, CompletionProvider> providers;
    private final Set<String> platformConnected;
    private final ProviderHealth health;
    private final ByokKeys byok;
    private final int byokFeeBasisPoints;

    RoutePlanner(Supplier<Catalog> catalog, Map<String, CompletionProvider> providers, Set<String> platformConnected,
                 ProviderHealth health, ByokKeys byok, int byokFeeBasisPoints) {
        this.catalog = catalog;
        this.providers = providers;
        this.platformConnected = platformConnected;
        this.health = health;
        this.byok = byok;
        this.byokFeeBasisPoints = byokFeeBasisPoints;
    }

    /** The route of {@code request} for an account standing as {@code standing}; refuses when none exists. */
    Route plan(AccountStanding standing, ChatRequest request) {
        Catalog now = catalog.get();
        Tier tier = standing.tier();
        boolean preferOwn = request.preferByok() && standing.prefersByok();
        Set<String> own = preferOwn && byok != null ? byok.providersOf(standing.accountId()) : Set.of();
        PowerLevel level = request.powerLevel().orElse(standing.powerLevel());
        Endpoint endpoint = request.endpoint();
        Router.Decision decision;
        checkEndpoint(now, request);
        if (request.model().startsWith(CUSTOM_PREFIX) && request.model().length() > CUSTOM_PREFIX.length()
                && providers.containsKey(CUSTOM_PROVIDER)) {
            decision = customDecision(request, level, now, own);
        } else {
            Set<String> connected = new HashSet<>(platformConnected);
            own.stream().filter(providers::containsKey).forEach(connected::add);
            int promptTokens = request.body().length / 4;
            decision = Router.route(now, new Router.Request(request.model(), tier, level, promptTokens,
                    request.maxOutputTokens().orElse(0), request.needs(), connected, own, preferOwn, endpoint),
                    health);
        }
        if (!decision.known()) {
            throw new CompletionException(CompletionError.MODEL_NOT_FOUND,
                    "The model `" + request.model() + "` does not exist or is not available");
        }
        if (decision.candidates().isEmpty()) {
            throw noRoute(request, decision);
        }
        int limit = endpoint == Endpoint.EMBEDDINGS ? 1 : Math.max(1, now.rules().maxAttempts());
        List<Candidate> candidates = new ArrayList<>(Math.min(limit, decision.candidates().size()));
        for (CatalogModel model : decision.candidates()) {
            if (candidates.size() == limit) {
                break;
            }
            boolean onOwnKey = own.contains(model.provider());
            ModelPrice list = model.price();
            candidates.add(onOwnKey
                    ? new Candidate(model, providers.get(model.provider()), true, byokPrice(list), ModelPrice.FULL)
                    : new Candidate(model, providers.get(model.provider()), false, list,
                    decision.level().multiplierBasisPoints()));
        }
        MicroCredits estimate = MicroCredits.ZERO;
        boolean allOwn = true;
        for (Candidate candidate : candidates) {
            int maxOutput = request.maxOutputTokens().orElse(candidate.model().defaultMaxOutputTokens());
            MicroCredits worst = candidate.price().ceiling().costOf(new TokenUsage(request.body().length, maxOutput),
                    candidate.multiplierBasisPoints(), candidate.own() ? 0 : tier.markupBasisPoints());
            estimate = MicroCredits.max(estimate, worst);
            allOwn &= candidate.own();
        }
        return new Route(decision, List.copyOf(candidates), estimate, allOwn);
    }

    private Router.Decision customDecision(ChatRequest request, PowerLevel level, Catalog now, Set<String> own) {
        CatalogModel model = new CatalogModel(request.model(), CUSTOM_PROVIDER,
                request.model().substring(CUSTOM_PREFIX.length()), 0, 0, CUSTOM_CONTEXT, CUSTOM_DEFAULT_MAX_OUTPUT,
                Tier.FREE, null, 0, null, java.util.EnumSet.allOf(Endpoint.class));
        if (!own.contains(CUSTOM_PROVIDER)) {
            return new Router.Decision(true, request.model(), level, now.version(), null, List.of(),
                    List.of(new RoutingTrace.Skip(model.id(), Router.NOT_CONNECTED,
                            "no custom endpoint key of your own")));
        }
        return new Router.Decision(true, request.model(), level, now.version(), null, List.of(model), List.of());
    }

    /**
     * Refuses a request that names a model not serving its endpoint (a chat request to an embedding
     * model, embeddings from a chat model); embeddings must name a model (no power level, no chain:
     * vectors of two models do not compare).
     */
    private static void checkEndpoint(Catalog now, ChatRequest request) {
        Endpoint endpoint = request.endpoint();
        String path = "/v1/" + endpoint.apiNames().get(0);
        Optional<CatalogModel> named = now.model(request.model());
        if (named.isPresent() && !named.get().serves(endpoint)) {
            throw new CompletionException(CompletionError.MODEL_NOT_SUPPORTED_FOR_ENDPOINT, "The model `"
                    + request.model() + "` does not serve " + path + "; it serves "
                    + String.join(", ", named.get().endpointNames()) + " (see the endpoints in GET /v1/models)");
        }
        if (endpoint == Endpoint.EMBEDDINGS && named.isEmpty() && !request.model().startsWith(CUSTOM_PREFIX)
                && (now.rules().chains().containsKey(request.model()) || Router.AUTO.equals(request.model())
                || PowerLevel.fromCode(request.model()).isPresent())) {
            throw new CompletionException(CompletionError.MODEL_NOT_SUPPORTED_FOR_ENDPOINT, "`" + request.model()
                    + "` picks among models, but embeddings need one named embedding model: vectors of different"
                    + " models cannot be compared");
        }
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

    /** The price of a call on the caller's own key: the configured fee's share of each of the model's rates. */
    private ModelPrice byokPrice(ModelPrice list) {
        return byokFeeBasisPoints == 0 ? ModelPrice.FREE : list.share(byokFeeBasisPoints);
    }
}
