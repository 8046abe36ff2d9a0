package dev.switchgear.application.service.routing;

import static dev.switchgear.application.service.routing.RoutingAccess.requireAdmin;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.routing.ManageCatalogUseCase;
import dev.switchgear.application.port.out.routing.ProviderHealth;
import dev.switchgear.application.port.out.routing.ProviderStatus;
import dev.switchgear.domain.routing.api.RoutingPolicyCommand;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.routing.api.DefineModel;
import dev.switchgear.domain.routing.api.DefineProvider;
import dev.switchgear.domain.routing.api.ProviderDefinition;
import dev.switchgear.domain.routing.api.RemoveModel;
import dev.switchgear.domain.routing.api.RemoveProvider;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalog's providers (with connection and health) and models; the administrator defines and removes them. */
public class CatalogAdministrationService implements ManageCatalogUseCase {

    private final CurrentCatalog catalog;
    private final ProviderHealth health;
    private final Set<String> connected;
    private final Clock clock;

    /**
     * @param connected the providers this gateway has a connection for (configured), whether or not
     *                  it holds a platform key for them
     */
    public CatalogAdministrationService(CurrentCatalog catalog, ProviderHealth health, Set<String> connected,
                                        Clock clock) {
        this.catalog = catalog;
        this.health = health;
        this.connected = Set.copyOf(connected);
        this.clock = clock;
    }

    @Override
    public long catalogVersion() {
        return catalog.get().version();
    }

    @Override
    public List<ProviderView> providers() {
        Map<String, ProviderStatus> statuses = health.statuses().stream()
                .collect(Collectors.toMap(ProviderStatus::provider, Function.identity(), (a, b) -> a));
        return catalog.get().providers().stream()
                .sorted(Comparator.comparing(ProviderDefinition::id))
                .map(p -> new ProviderView(p, connected.contains(p.id()), Optional.ofNullable(statuses.get(p.id()))))
                .toList();
    }

    @Override
    public List<CatalogModel> models() {
        return List.copyOf(catalog.get().models());
    }

    @Override
    public long defineProvider(Caller caller, ProviderDefinition provider) {
        return change(caller, new DefineProvider(provider, clock.instant()));
    }

    @Override
    public long removeProvider(Caller caller, String providerId) {
        return change(caller, new RemoveProvider(providerId, clock.instant()));
    }

    @Override
    public long defineModel(Caller caller, CatalogModel model) {
        return change(caller, new DefineModel(model, clock.instant()));
    }

    @Override
    public long removeModel(Caller caller, String modelId) {
        return change(caller, new RemoveModel(modelId, clock.instant()));
    }

    private long change(Caller caller, RoutingPolicyCommand command) {
        requireAdmin(caller);
        return catalog.change(command).version();
    }
}
