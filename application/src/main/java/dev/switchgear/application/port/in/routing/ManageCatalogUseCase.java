package dev.switchgear.application.port.in.routing;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.keyring.ProviderKeyVerifier.KeyCheck;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.routing.ProviderStatus;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.routing.api.ProviderDefinition;
import java.util.List;
import java.util.Optional;

/**
 * The catalog of providers and models: anyone with a key reads it; the administrator changes it,
 * each change a new catalog version (returned).
 */
public interface ManageCatalogUseCase {

    long catalogVersion();

    /** Every provider in the catalog, with whether it is connected here and its health. */
    List<ProviderView> providers();

    List<CatalogModel> models();

    long defineProvider(Caller caller, ProviderDefinition provider);

    long removeProvider(Caller caller, String providerId);

    long defineModel(Caller caller, CatalogModel model);

    long removeModel(Caller caller, String modelId);

    record ProviderView(ProviderDefinition provider, boolean connected, Optional<ProviderStatus> health) {
    }
}
