package dev.switchgear.application.service.routing;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.in.routing.ExplainUseCase;
import dev.switchgear.application.port.in.routing.ManageRoutingUseCase;
import dev.switchgear.application.port.out.keyring.ProviderKeyVerifier.KeyCheck;
import dev.switchgear.application.port.out.routing.ProviderConnectivity;
import dev.switchgear.application.port.out.routing.ProviderHealth;
import dev.switchgear.application.port.out.routing.ProviderStatus;
import dev.switchgear.application.port.out.routing.RoutingPolicyCommands;
import dev.switchgear.application.port.out.usage.UsageReadModel;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.keyring.api.KeyTestStatus;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.routing.Catalog;
import dev.switchgear.domain.routing.api.RoutingPolicyCommand;
import dev.switchgear.domain.routing.RoutingException;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.routing.api.DefineModel;
import dev.switchgear.domain.routing.api.DefineProvider;
import dev.switchgear.domain.routing.api.InitialiseCatalog;
import dev.switchgear.domain.routing.api.ProviderDefinition;
import dev.switchgear.domain.routing.api.RemoveModel;
import dev.switchgear.domain.routing.api.RemoveProvider;
import dev.switchgear.domain.routing.api.RoutingRules;
import dev.switchgear.domain.routing.api.SetRoutingRules;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The routing policy as the request path sees it: the current {@link Catalog}, folded from the
 * RoutingPolicy aggregate's events and swapped atomically after every change made here, so a
 * routing decision reads one consistent version without a lock. Changes go through the aggregate
 * (low rate); at first start the bundled default catalog is loaded as its first event.
 */
public class RoutingPolicyService implements ManageRoutingUseCase, ExplainUseCase,
        Supplier<Catalog> {

    private final RoutingPolicyCommands commands;
    private final ProviderHealth health;
    private final ProviderConnectivity connectivity;
    private final Set<String> connected;
    private final UsageReadModel usage;
    private final Clock clock;
    private volatile Catalog current = Catalog.EMPTY;
    private volatile List<CreditAccountEvent> legacyPreferences = List.of();

    /**
     * @param connected the providers this gateway has a connection for (configured), whether or not
     *                  it holds a platform key for them
     */
    public RoutingPolicyService(RoutingPolicyCommands commands, ProviderHealth health,
                                ProviderConnectivity connectivity, Set<String> connected, UsageReadModel usage,
                                Clock clock) {
        this.commands = commands;
        this.health = health;
        this.connectivity = connectivity;
        this.connected = Set.copyOf(connected);
        this.usage = usage;
        this.clock = clock;
    }

    /** Reads the policy; loads {@code defaults} as its first event when there is none yet. */
    public Catalog initialise(Supplier<InitialiseCatalog> defaults) {
        reload();
        if (!current.initialised()) {
            try {
                commands.send(defaults.get());
            } catch (RoutingException alreadyThere) {
                // another node initialised it meanwhile
            }
            reload();
        }
        return current;
    }

    /** The catalog now; the request path's one read. */
    @Override
    public Catalog get() {
        return current;
    }

    private Catalog reload() {
        RoutingPolicyCommands.PolicyHistory history = commands.history();
        legacyPreferences = history.legacyPreferences();
        current = Catalog.replay(history.changes());
        return current;
    }

    /**
     * The accounts' preferences that the policy's stream holds from before they became the
     * accounts' own (ADR 0012), as of the last read; for {@code LegacyPreferenceHandover}.
     */
    public List<CreditAccountEvent> legacyPreferences() {
        return legacyPreferences;
    }

    private long change(Caller caller, RoutingPolicyCommand command) {
        requireAdmin(caller);
        synchronized (this) {
            commands.send(command);
            return reload().version();
        }
    }

    @Override
    public long catalogVersion() {
        return current.version();
    }

    @Override
    public List<ProviderView> providers() {
        Map<String, ProviderStatus> statuses = health.statuses().stream()
                .collect(Collectors.toMap(ProviderStatus::provider, Function.identity(), (a, b) -> a));
        return current.providers().stream()
                .sorted(java.util.Comparator.comparing(ProviderDefinition::id))
                .map(p -> new ProviderView(p, connected.contains(p.id()), Optional.ofNullable(statuses.get(p.id()))))
                .toList();
    }

    @Override
    public List<CatalogModel> models() {
        return List.copyOf(current.models());
    }

    @Override
    public RoutingRules rules() {
        return current.rules();
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

    @Override
    public long setRules(Caller caller, RoutingRules rules) {
        return change(caller, new SetRoutingRules(rules, clock.instant()));
    }

    @Override
    public KeyCheck test(Caller caller, String providerId) {
        requireAdmin(caller);
        if (current.provider(providerId).isEmpty() && !connectivity.probeable().contains(providerId)) {
            throw new RoutingException("no provider " + providerId);
        }
        if (!connectivity.probeable().contains(providerId)) {
            return new KeyCheck(KeyTestStatus.UNREACHABLE, 0, "provider " + providerId
                    + " has no platform connection here (no base URL or no platform key)");
        }
        KeyCheck check = connectivity.probe(providerId);
        health.recordProbe(providerId, check.status() == KeyTestStatus.VALID, check.latencyMillis(), check.detail());
        return check;
    }

    /** The active health check: probes every probeable provider once. */
    public void probeAll() {
        for (String provider : connectivity.probeable()) {
            KeyCheck check = connectivity.probe(provider);
            health.recordProbe(provider, check.status() == KeyTestStatus.VALID, check.latencyMillis(), check.detail());
        }
    }

    @Override
    public Optional<UsageRecord> explain(Caller caller, RequestId requestId) {
        return usage.byRequest(caller.admin() ? Optional.empty() : Optional.of(caller.account()), requestId);
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw new IdentityException(IdentityError.ADMIN_REQUIRED, "this call needs the admin key");
        }
    }
}
