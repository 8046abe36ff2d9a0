package dev.switchgear.bootstrap.observability;

import dev.switchgear.domain.routing.Catalog;
import dev.switchgear.domain.routing.Router;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.routing.api.CatalogModel;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Model names fit for a label: only what the catalog holds (its models, its chains, {@code auto}
 * and the power levels), everything else {@code other}. A
 * caller can name any model (and {@code custom/<anything>} reaches its own endpoint), so the
 * requested name alone would let callers grow the label set without bound. The catalog's names are
 * indexed once per catalog version, so a request's lookup is one set probe.
 */
final class ModelLabels {

    static final String OTHER = "other";

    private record Index(long version, Set<String> ids, Set<String> upstream) {
    }

    private final Supplier<Catalog> catalog;
    private volatile Index index = new Index(-1, Set.of(), Set.of());

    ModelLabels(Supplier<Catalog> catalog) {
        this.catalog = catalog;
    }

    /** A requested model: its catalog id, or {@code other}. */
    String requested(String model) {
        return model != null && index().ids().contains(model) ? model : OTHER;
    }

    /** The model an upstream was asked for: the catalog's upstream name, or {@code other}. */
    String upstream(String model) {
        return model != null && index().upstream().contains(model) ? model : OTHER;
    }

    private Index index() {
        Catalog current = catalog.get();
        Index known = index;
        if (known.version() == current.version()) {
            return known;
        }
        Set<String> ids = new HashSet<>();
        Set<String> upstream = new HashSet<>();
        for (CatalogModel model : current.models()) {
            ids.add(model.id());
            upstream.add(model.upstreamModel());
        }
        ids.addAll(current.rules().chains().keySet());
        ids.add(Router.AUTO);
        for (PowerLevel level : PowerLevel.values()) {
            ids.add(level.code());
        }
        Index fresh = new Index(current.version(), Set.copyOf(ids), Set.copyOf(upstream));
        index = fresh;
        return fresh;
    }
}
