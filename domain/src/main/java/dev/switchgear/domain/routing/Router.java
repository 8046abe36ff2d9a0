package dev.switchgear.domain.routing;

import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.routing.api.Capability;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.routing.api.Endpoint;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.routing.api.ProviderDefinition;
import dev.switchgear.domain.routing.api.RoutingTrace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One routing decision: which models may serve a request, in which order. Pure and allocation-light
 * (it runs on every request): the catalog, the request's facts and a view of provider health in,
 * an ordered candidate list and the reasons for every model left out.
 *
 * <p>What is asked for decides the candidates: {@code auto} (the caller's power level), {@code eco},
 * {@code balanced} or {@code precision} rank the whole catalog by that level's strategy; a chain
 * name (code, chat, long-context, premium, budget, privacy, ...) gives that chain in its order; a
 * model id gives that model, then the chain configured under its id. Then every candidate must fit:
 * the caller's tier, the context window (prompt + output), the capabilities the request needs,
 * locality for the privacy chain, a connected provider (a platform key or the caller's own), and
 * health (its circuit is not open). Strategies: Eco the cheapest at or above its quality floor;
 * Precision the best quality (faster, then cheaper, breaking ties); Balanced quality less a cost
 * penalty of up to 40 points (relative to the dearest eligible model), faster breaking ties.
 * Callers preferring their own keys get the models they hold a key for first. Only models that
 * serve the request's endpoint (chat, the legacy completions, embeddings) are considered: a ranked
 * request never sees the others, a chain's members that do not serve it are skipped (ADR 0022).
 */
public final class Router {

    public static final String AUTO = "auto";
    public static final String PRIVACY = "privacy";
    public static final String TIER = "tier";
    public static final String CONTEXT = "context";
    public static final String CAPABILITY = "capability";
    public static final String LOCAL_ONLY = "privacy";
    public static final String QUALITY = "quality";
    public static final String NOT_CONNECTED = "not_connected";
    public static final String UNHEALTHY = "unhealthy";
    public static final String UNKNOWN_PROVIDER = "unknown_provider";
    public static final String ENDPOINT = "endpoint";

    /** What the router needs to know about provider health. */
    public interface Health {
        /** Whether calls to this provider and model may be made (its circuit is not open). */
        boolean admits(String provider, String model);

        /** The provider's observed median latency in microseconds, or 0 when unknown. */
        long latencyMicros(String provider);
    }

    /**
     * The facts of one request. {@code maxOutputTokens} is the caller's cap, or 0 to use each
     * model's default; {@code connected} the providers that can be called for this caller (a
     * platform key or its own); {@code byok} those it holds its own key for; {@code endpoint} the
     * kind of call (chat when not said).
     */
    public record Request(String model, Tier tier, PowerLevel level, int promptTokens, int maxOutputTokens,
                          Set<Capability> needs, Set<String> connected, Set<String> byok, boolean preferByok,
                          Endpoint endpoint) {

        public Request {
            endpoint = endpoint == null ? Endpoint.CHAT : endpoint;
        }

        /** A chat request. */
        public Request(String model, Tier tier, PowerLevel level, int promptTokens, int maxOutputTokens,
                       Set<Capability> needs, Set<String> connected, Set<String> byok, boolean preferByok) {
            this(model, tier, level, promptTokens, maxOutputTokens, needs, connected, byok, preferByok, Endpoint.CHAT);
        }
    }

    /** The decision: candidates in order (empty when none fits), and why the others were left out. */
    public record Decision(boolean known, String requested, PowerLevel level, long catalogVersion, String chain,
                           List<CatalogModel> candidates, List<RoutingTrace.Skip> skipped) {
    }

    private Router() {
    }

    public static Decision route(Catalog catalog, Request request, Health health) {
        String requested = request.model();
        PowerLevel level = request.level();
        List<CatalogModel> listed;
        String chain = null;
        boolean ranked = false;
        if (AUTO.equals(requested) || PowerLevel.fromCode(requested).isPresent()) {
            level = PowerLevel.fromCode(requested).orElse(level);
            listed = new ArrayList<>(catalog.models().size());
            for (CatalogModel model : catalog.models()) {
                if (model.serves(request.endpoint())) {
                    listed.add(model);
                }
            }
            ranked = true;
        } else if (catalog.model(requested).isPresent()) {
            listed = new ArrayList<>(4);
            listed.add(catalog.model(requested).get());
            List<String> fallback = catalog.rules().chains().get(requested);
            if (fallback != null) {
                chain = requested;
                for (String member : fallback) {
                    CatalogModel model = catalog.model(member).orElse(null);
                    if (model != null && !listed.contains(model)) {
                        listed.add(model);
                    }
                }
            }
        } else if (catalog.rules().chains().containsKey(requested)) {
            chain = requested;
            List<String> members = catalog.rules().chains().get(requested);
            listed = new ArrayList<>(members.size());
            for (String member : members) {
                catalog.model(member).ifPresent(listed::add);
            }
        } else {
            return new Decision(false, requested, level, catalog.version(), null, List.of(), List.of());
        }
        boolean privacy = PRIVACY.equals(chain);
        int floor = ranked ? catalog.rules().qualityFloor(level) : 0;
        Request effective = level == request.level() ? request : new Request(request.model(), request.tier(), level,
                request.promptTokens(), request.maxOutputTokens(), request.needs(), request.connected(),
                request.byok(), request.preferByok(), request.endpoint());
        List<CatalogModel> eligible = new ArrayList<>(listed.size());
        List<RoutingTrace.Skip> skipped = new ArrayList<>();
        for (CatalogModel model : listed) {
            RoutingTrace.Skip skip = unfit(catalog, model, effective, privacy, floor, health);
            if (skip == null) {
                eligible.add(model);
            } else {
                skipped.add(skip);
            }
        }
        if (ranked) {
            eligible.sort(strategy(level, eligible, health));
        }
        if (request.preferByok() && !request.byok().isEmpty()) {
            eligible.sort(Comparator.comparing(m -> !request.byok().contains(m.provider())));
        }
        return new Decision(true, requested, level, catalog.version(), chain, eligible, skipped);
    }

    private static RoutingTrace.Skip unfit(Catalog catalog, CatalogModel model, Request request, boolean privacy,
                                           int floor, Health health) {
        ProviderDefinition provider = catalog.provider(model.provider()).orElse(null);
        if (provider == null) {
            return skip(model, UNKNOWN_PROVIDER, "its provider " + model.provider() + " is not in the catalog");
        }
        if (!model.serves(request.endpoint())) {
            return skip(model, ENDPOINT, "does not serve " + request.endpoint().apiNames().get(0));
        }
        boolean ownKey = request.preferByok() && request.byok().contains(model.provider());
        if (model.minTier().ordinal() > request.tier().ordinal() && !ownKey) {
            return skip(model, TIER, "needs the " + model.minTier().code() + " tier");
        }
        int output = request.maxOutputTokens() > 0 ? request.maxOutputTokens() : model.defaultMaxOutputTokens();
        if ((long) request.promptTokens() + output > model.contextTokens()) {
            return skip(model, CONTEXT, "context window too small (" + request.promptTokens() + " + " + output
                    + " > " + model.contextTokens() + " tokens)");
        }
        for (Capability need : request.needs()) {
            if (!model.capabilities().contains(need)) {
                return skip(model, CAPABILITY, "cannot do " + need.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (privacy && !provider.local()) {
            return skip(model, LOCAL_ONLY, "not a local provider (privacy chain)");
        }
        if (model.quality() < floor) {
            return skip(model, QUALITY, "quality " + model.quality() + " below the " + request.level().code()
                    + " floor of " + floor);
        }
        if (!request.connected().contains(model.provider())) {
            return skip(model, NOT_CONNECTED, "provider " + model.provider()
                    + " is not connected (no platform key, no own key)");
        }
        if (!health.admits(model.provider(), model.id())) {
            return skip(model, UNHEALTHY, "provider " + model.provider() + " is unhealthy (circuit open)");
        }
        return null;
    }

    private static RoutingTrace.Skip skip(CatalogModel model, String code, String reason) {
        return new RoutingTrace.Skip(model.id(), code, reason);
    }

    private static Comparator<CatalogModel> strategy(PowerLevel level, List<CatalogModel> eligible, Health health) {
        Comparator<CatalogModel> cheaper = Comparator.comparingLong(CatalogModel::pricePer1kBoth);
        Comparator<CatalogModel> better = Comparator.comparingInt(CatalogModel::quality).reversed();
        Comparator<CatalogModel> faster = Comparator.comparingLong(m -> latencyOrMax(health, m.provider()));
        return switch (level) {
            case ECO -> cheaper.thenComparing(better).thenComparing(faster);
            case PRECISION -> better.thenComparing(faster).thenComparing(cheaper);
            case BALANCED -> {
                long dearest = 1;
                for (CatalogModel model : eligible) {
                    dearest = Math.max(dearest, model.pricePer1kBoth());
                }
                long scale = dearest;
                Comparator<CatalogModel> value = Comparator.comparingLong(
                        m -> -(m.quality() * 1_000L - (m.pricePer1kBoth() * 40_000L) / scale));
                yield value.thenComparing(faster).thenComparing(cheaper);
            }
        };
    }

    private static long latencyOrMax(Health health, String provider) {
        long latency = health.latencyMicros(provider);
        return latency <= 0 ? Long.MAX_VALUE : latency;
    }
}
