package dev.switchgear.domain.routing.api;

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
 */
public record CatalogModel(String id, String provider, String upstreamModel, long inputPer1k, long outputPer1k,
                           int contextTokens, int defaultMaxOutputTokens, Tier minTier, Set<Capability> capabilities,
                           int quality, Set<String> useCases, Set<Endpoint> endpoints) {

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
    }

    /** A chat model, as models were before endpoints were recorded. */
    public CatalogModel(String id, String provider, String upstreamModel, long inputPer1k, long outputPer1k,
                        int contextTokens, int defaultMaxOutputTokens, Tier minTier, Set<Capability> capabilities,
                        int quality, Set<String> useCases) {
        this(id, provider, upstreamModel, inputPer1k, outputPer1k, contextTokens, defaultMaxOutputTokens, minTier,
                capabilities, quality, useCases, null);
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
                defaultMaxOutputTokens, minTier, capabilities, quality, useCases, served);
    }

    /** The list price of input plus output per 1K tokens, the cost key the strategies compare. */
    public long pricePer1kBoth() {
        return inputPer1k + outputPer1k;
    }
}
