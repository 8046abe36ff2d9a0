package dev.switchgear.application.service.routing;

import dev.switchgear.application.port.in.routing.ManageCatalogUseCase;
import dev.switchgear.application.port.in.routing.SearchCatalogUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.routing.ModelStatus;
import dev.switchgear.application.port.out.routing.ProviderHealth;
import dev.switchgear.application.port.out.usage.UsageAnalytics;
import dev.switchgear.domain.routing.api.CatalogModel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The catalog searched for a caller (see {@link SearchCatalogUseCase}). */
public class CatalogSearchService implements SearchCatalogUseCase {

    private static final String CURSOR_PREFIX = "model:";

    private final ManageCatalogUseCase catalog;
    private final Function<Caller, Set<String>> usable;
    private final UsageAnalytics usage;
    private final ProviderHealth health;
    private final Clock clock;

    /**
     * @param usable the ids of the models the caller can use now (its tier's or those it holds its
     *               own key for, on a connected provider: the completion context's model listing)
     * @param health  each model's observed latency and success rate on this node
     */
    public CatalogSearchService(ManageCatalogUseCase catalog, Function<Caller, Set<String>> usable,
                                UsageAnalytics usage, ProviderHealth health, Clock clock) {
        this.catalog = catalog;
        this.usable = usable;
        this.usage = usage;
        this.health = health;
        this.clock = clock;
    }

    @Override
    public ModelPage search(Caller caller, ModelQuery query) {
        Set<String> usable = this.usable.apply(caller);
        Instant now = clock.instant();
        Map<String, Long> popularity = usage.requestsByModel(now.minus(Duration.ofDays(30)), now);
        List<ModelFacts> matching = new ArrayList<>();
        for (CatalogModel model : catalog.models()) {
            if (matches(model, query)) {
                matching.add(new ModelFacts(model, usable.contains(model.id()),
                        health.modelStatus(model.provider(), model.id()), popularity.getOrDefault(model.id(), 0L),
                        cursor(model.id())));
            }
        }
        matching.sort(order(query.sort()));
        int start = 0;
        if (query.after().isPresent()) {
            String id = modelOf(query.after().get());
            int index = indexOf(matching, id);
            if (index < 0) {
                throw new IllegalArgumentException("`after` is not a cursor of this listing (the model may have left "
                        + "the results)");
            }
            start = index + 1;
        }
        int end = Math.min(matching.size(), start + query.first());
        return new ModelPage(matching.subList(start, end), matching.size(), end < matching.size(), start > 0);
    }

    private static boolean matches(CatalogModel m, ModelQuery q) {
        if (q.text().isPresent() && !q.text().get().isBlank()) {
            String text = q.text().get().strip().toLowerCase(Locale.ROOT);
            if (!m.id().toLowerCase(Locale.ROOT).contains(text) && !m.upstreamModel().toLowerCase(Locale.ROOT)
                    .contains(text) && !m.provider().toLowerCase(Locale.ROOT).contains(text)) {
                return false;
            }
        }
        return q.provider().map(p -> p.equalsIgnoreCase(m.provider())).orElse(true)
                && q.tier().map(t -> m.minTier().ordinal() <= t.ordinal()).orElse(true)
                && q.useCase().map(u -> m.useCases().stream().anyMatch(u::equalsIgnoreCase)).orElse(true)
                && q.capability().map(c -> m.capabilities().contains(c)).orElse(true)
                && q.minContext().map(c -> m.contextTokens() >= c).orElse(true)
                && q.maxPricePer1k().map(p -> m.pricePer1kBoth() <= p).orElse(true);
    }

    private static Comparator<ModelFacts> order(ModelSort sort) {
        Comparator<ModelFacts> byId = Comparator.comparing(f -> f.model().id());
        Comparator<ModelFacts> first = switch (sort) {
            case COST -> Comparator.comparingLong(f -> f.model().pricePer1kBoth());
            case LATENCY -> Comparator.comparingLong(f -> f.health().filter(h -> h.samples() > 0)
                    .map(ModelStatus::p50Millis).orElse(Long.MAX_VALUE));
            case QUALITY -> Comparator.<ModelFacts>comparingInt(f -> f.model().quality()).reversed();
            case POPULARITY -> Comparator.<ModelFacts>comparingLong(ModelFacts::requests30d).reversed();
        };
        return first.thenComparing(byId);
    }

    private static int indexOf(List<ModelFacts> models, String id) {
        for (int i = 0; i < models.size(); i++) {
            if (models.get(i).model().id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** An opaque cursor naming the model a page ended at. */
    static String cursor(String modelId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + modelId)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String modelOf(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(CURSOR_PREFIX)) {
                return decoded.substring(CURSOR_PREFIX.length());
            }
        } catch (IllegalArgumentException unreadable) {
            // answered below
        }
        throw new IllegalArgumentException("`after` is not a cursor of this listing");
    }
}
