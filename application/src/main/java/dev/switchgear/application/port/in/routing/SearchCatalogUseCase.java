package dev.switchgear.application.port.in.routing;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.routing.ModelStatus;
import dev.switchgear.domain.routing.api.Capability;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.shared.Tier;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The catalog searched, filtered, sorted and paged (ADR 0024): each model with whether the caller
 * can use it now (its tier, or its own key for the provider, on a connected provider), its
 * provider's observed health (success rate, p50 and p95 latency) and its popularity (requests over
 * the last 30 days, platform-wide).
 */
public interface SearchCatalogUseCase {

    /** At most {@code first} models after the cursor; an unknown cursor is an {@link IllegalArgumentException}. */
    ModelPage search(Caller caller, ModelQuery query);

    /** How models are ordered: cheapest, fastest (p50; unobserved last), best quality, most used; ties by id. */
    enum ModelSort {
        COST, LATENCY, QUALITY, POPULARITY
    }

    /**
     * The filters (each optional): {@code text} in the id, upstream id or provider (any case),
     * the provider, the lowest tier that may use it ({@code tier}: models a tier may use), a use
     * case, a capability, the least context window, the highest list price per 1K tokens (input plus
     * output, micro-credits); the sort, the page size (1 to {@link #MAX_FIRST}) and the cursor.
     */
    record ModelQuery(Optional<String> text, Optional<String> provider, Optional<Tier> tier, Optional<String> useCase,
                      Optional<Capability> capability, Optional<Integer> minContext, Optional<Long> maxPricePer1k,
                      ModelSort sort, int first, Optional<String> after) {

        public static final int MAX_FIRST = 100;

        public ModelQuery {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(tier, "tier");
            Objects.requireNonNull(useCase, "useCase");
            Objects.requireNonNull(capability, "capability");
            Objects.requireNonNull(minContext, "minContext");
            Objects.requireNonNull(maxPricePer1k, "maxPricePer1k");
            Objects.requireNonNull(after, "after");
            sort = sort == null ? ModelSort.COST : sort;
            if (first < 1 || first > MAX_FIRST) {
                throw new IllegalArgumentException("first is 1 to " + MAX_FIRST);
            }
            if (text.map(String::length).orElse(0) > 200) {
                throw new IllegalArgumentException("text is at most 200 characters");
            }
        }
    }

    /**
     * A model and what the caller should know about it: whether it may use it now, the model's own
     * observed health on this node (empty before it was called here), its requests over 30 days.
     */
    record ModelFacts(CatalogModel model, boolean availableToMe, Optional<ModelStatus> health, long requests30d,
                      String cursor) {
    }

    /** One page: the models, how many match in all, and whether more follow. */
    record ModelPage(List<ModelFacts> models, int totalCount, boolean hasNextPage, boolean hasPreviousPage) {

        public ModelPage {
            models = List.copyOf(models);
        }
    }
}
