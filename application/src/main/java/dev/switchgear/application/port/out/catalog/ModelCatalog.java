package dev.switchgear.application.port.out.catalog;

import java.util.List;
import java.util.Optional;

/** The models callers may ask for, each with the provider that serves it and its price. */
public interface ModelCatalog {

    Optional<ModelOffer> find(String model);

    List<ModelOffer> all();
}
