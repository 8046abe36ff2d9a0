package dev.switchgear.application.port.in.routing;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.keyring.ProviderKeyVerifier.KeyCheck;
import dev.switchgear.application.port.out.routing.ProviderStatus;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.routing.api.ProviderDefinition;
import dev.switchgear.domain.routing.api.RoutingRules;
import java.util.List;
import java.util.Optional;

/** The catalog and the routing rules: anyone with a key reads them; the administrator changes them. */
public interface ManageRoutingUseCase {

    long catalogVersion();

    /** Every provider in the catalog, with whether it is connected here and its health. */
    List<ProviderView> providers();

    List<CatalogModel> models();

    RoutingRules rules();

    long defineProvider(Caller caller, ProviderDefinition provider);

    long removeProvider(Caller caller, String providerId);

    long defineModel(Caller caller, CatalogModel model);

    long removeModel(Caller caller, String modelId);

    long setRules(Caller caller, RoutingRules rules);

    /** Tests a provider's connectivity with the platform's key now, and feeds the result to health. */
    KeyCheck test(Caller caller, String providerId);

    record ProviderView(ProviderDefinition provider, boolean connected, Optional<ProviderStatus> health) {
    }
}
