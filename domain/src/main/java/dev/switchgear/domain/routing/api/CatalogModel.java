package dev.switchgear.domain.routing.api;

import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.Tier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A model in the platform's catalog: the name callers use, its provider and the provider's own id,
 * its list price (micro-credits per 1K input and output tokens), its context window and default
 * output cap, the lowest tier that may use it, what it can do, a quality score (0–100, higher is
 * better), the use cases it suits, and the endpoints it serves ({@link Endpoint}: chat, the legacy
 * completions, embeddings). Models stored before endpoints existed (events without the field) and
 * models defined without them serve chat, as every model did then.
 *
 * <p>The price's parts (ADR 0023): input read from the provider's prompt cache
 * ({@code cachedInputPer1k}), input written to it for 5 minutes or 1 hour
 * ({@code cacheWrite5mPer1k}, {@code cacheWrite1hPer1k}) and reasoning output
 * ({@code reasoningPer1k}). Left out (null, as in every catalog event written before they existed),
 * the cache rates are the input rate and the reasoning rate the output rate, so an old catalog
 * charges exactly as before.
 */
public record CatalogModel(String id, String provider, String upstreamModel, long inputPer1k, long outputPer1k,
                           int contextTokens, int defaultMaxOutputTokens, Tier minTier, Set<Capability> capabilities,
                           int quality, Set<String> useCases, Set<Endpoint> endpoints, Long cachedInputPer1k,
                           Long cacheWrite5mPer1k, Long cacheWrite1hPer1k, Long reasoningPer1k) {

    /** What every model served before endpoints were recorded. */
    public static final Set<Endpoint> CHAT_ONLY = Set.of(Endpoint.CHAT);

    public CatalogModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        upstreamModel = upstreamModel == null || upstreamModel.isBlank() ? id : upstreamModel;
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
        useCases = useCases == null ? Set.of() : Set.copyOf(useCases);
        minTier = minTier == null ? Tier.FREE : minTier;
        endpoints = endpoints == null || endpoints.isEmpty() ? CHAT_ONLY : Set.copyOf(endpoints);
        cachedInputPer1k = cachedInputPer1k == null ? inputPer1k : cachedInputPer1k;
        cacheWrite5mPer1k = cacheWrite5mPer1k == null ? inputPer1k : cacheWrite5mPer1k;
        cacheWrite1hPer1k = cacheWrite1hPer1k == null ? inputPer1k : cacheWrite1hPer1k;
        reasoningPer1k = reasoningPer1k == null ? outputPer1k : reasoningPer1k;
    }

    /**
     * A chat model priced by input and output alone (cache reads and writes at the input rate,
     * reasoning at the output rate), as models were before endpoints and price parts were recorded.
     */
    public CatalogModel(String id, String provider, String upstreamModel, long inputPer1k, long outputPer1k,
                        int contextTokens, int defaultMaxOutputTokens, Tier minTier, Set<Capability> capabilities,
                        int quality, Set<String> useCases) {
        this(id, provider, upstreamModel, inputPer1k, outputPer1k, contextTokens, defaultMaxOutputTokens, minTier,
                capabilities, quality, useCases, null, null, null, null, null);
    }

    /** A model serving {@code endpoints}, priced by input and output alone. */
    public CatalogModel(String id, String provider, String upstreamModel, long inputPer1k, long outputPer1k,
                        int contextTokens, int defaultMaxOutputTokens, Tier minTier, Set<Capability> capabilities,
                        int quality, Set<String> useCases, Set<Endpoint> endpoints) {
        this(id, provider, upstreamModel, inputPer1k, outputPer1k, contextTokens, defaultMaxOutputTokens, minTier,
                capabilities, quality, useCases, endpoints, null, null, null, null);
    }

    /** A chat model with its price's parts. */
    public CatalogModel(String id, String provider, String upstreamModel, long inputPer1k, long outputPer1k,
                        int contextTokens, int defaultMaxOutputTokens, Tier minTier, Set<Capability> capabilities,
                        int quality, Set<String> useCases, Long cachedInputPer1k, Long cacheWrite5mPer1k,
                        Long cacheWrite1hPer1k, Long reasoningPer1k) {
        this(id, provider, upstreamModel, inputPer1k, outputPer1k, contextTokens, defaultMaxOutputTokens, minTier,
                capabilities, quality, useCases, null, cachedInputPer1k, cacheWrite5mPer1k, cacheWrite1hPer1k,
                reasoningPer1k);
    }

    /** Whether this model serves {@code endpoint}. */
    public boolean serves(Endpoint endpoint) {
        return endpoints.contains(endpoint);
    }

    /** The API names of the endpoints this model serves, in a fixed order (chat's first). */
    public List<String> endpointNames() {
        List<String> names = new ArrayList<>();
        for (Endpoint endpoint : EnumSet.copyOf(endpoints)) {
            names.addAll(endpoint.apiNames());
        }
        return names;
    }

    /** This model, serving {@code served} instead. */
    public CatalogModel withEndpoints(Set<Endpoint> served) {
        return new CatalogModel(id, provider, upstreamModel, inputPer1k, outputPer1k, contextTokens,
                defaultMaxOutputTokens, minTier, capabilities, quality, useCases, served, cachedInputPer1k,
                cacheWrite5mPer1k, cacheWrite1hPer1k, reasoningPer1k);
    }

    /** The list price per 1K tokens with all its parts. */
    public ModelPrice price() {
        return new ModelPrice(inputPer1k, outputPer1k, cachedInputPer1k, cacheWrite5mPer1k, cacheWrite1hPer1k,
                reasoningPer1k);
    }

    /** The list price of input plus output per 1K tokens, the cost key the strategies compare. */
    public long pricePer1kBoth() {
        return inputPer1k + outputPer1k;
    }
}
