package dev.switchgear.domain.routing.api;

import dev.switchgear.domain.shared.Tier;
import java.util.Objects;
import java.util.Set;

/**
 * A model in the platform's catalog: the name callers use, its provider and the provider's own id,
 * its list price (micro-credits per 1K input and output tokens), its context window and default
 * output cap, the lowest tier that may use it, what it can do, a quality score (0–100, higher is
 * better) and the use cases it suits.
 */
public record CatalogModel(String id, String provider, String upstreamModel, long inputPer1k, long outputPer1k,
                           int contextTokens, int defaultMaxOutputTokens, Tier minTier, Set<Capability> capabilities,
                           int quality, Set<String> useCases) {

    public CatalogModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        upstreamModel = upstreamModel == null || upstreamModel.isBlank() ? id : upstreamModel;
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
        useCases = useCases == null ? Set.of() : Set.copyOf(useCases);
        minTier = minTier == null ? Tier.FREE : minTier;
    }

    /** The list price of input plus output per 1K tokens, the cost key the strategies compare. */
    public long pricePer1kBoth() {
        return inputPer1k + outputPer1k;
    }
}
