package dev.switchgear.application.service.routing;

import dev.switchgear.application.port.in.identity.Caller;
import dev.switchgear.application.port.in.identity.IdentityError;
import dev.switchgear.application.port.in.identity.IdentityException;
import dev.switchgear.application.port.in.routing.ExplainUseCase;
import dev.switchgear.application.port.in.routing.ManageRoutingUseCase;
import dev.switchgear.application.port.in.routing.PowerLevelUseCase;
import dev.switchgear.application.port.out.keyring.ProviderKeyVerifier.KeyCheck;
import dev.switchgear.application.port.out.routing.ProviderConnectivity;
import dev.switchgear.application.port.out.routing.ProviderHealth;
import dev.switchgear.application.port.out.routing.ProviderStatus;
import dev.switchgear.application.port.out.routing.RoutingPolicyCommands;
import dev.switchgear.application.port.out.usage.UsageReadModel;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.keyring.api.KeyTestStatus;
import dev.switchgear.domain.routing.Catalog;
import dev.switchgear.domain.routing.RoutingException;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.routing.api.ChoosePowerLevel;
import dev.switchgear.domain.routing.api.DefineModel;
import dev.switchgear.domain.routing.api.DefineProvider;
import dev.switchgear.domain.routing.api.InitialiseCatalog;
import dev.switchgear.domain.routing.api.PowerLevel;
import dev.switchgear.domain.routing.api.ProviderDefinition;
import dev.switchgear.domain.routing.api.RemoveModel;
import dev.switchgear.domain.routing.api.RemoveProvider;
import dev.switchgear.domain.routing.api.RoutingRules;
import dev.switchgear.domain.routing.api.SetByokPreference;
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
public class RoutingPolicyService implements ManageRoutingUseCase, PowerLevelUseCase, ExplainUseCase,
        Supplier<Catalog> {

    private final RoutingPolicyCommands commands;
    private final ProviderHealth health;
    private final ProviderConnectivity connectivity;
    private final Set<String> connected;
    private final UsageReadModel usage;
    private final Clock clock;
    private volatile Catalog current = Catalog.EMPTY;

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
        current = Catalog.replay(commands.history());
        return current;
    }

    private long change(Caller caller, Object command) {
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
    public PowerLevel powerLevel(Caller caller, AccountId account) {
        requireVisible(caller, account);
        return current.powerLevelOf(account);
    }

    @Override
    public void choosePowerLevel(Caller caller, AccountId account, PowerLevel level) {
        requireVisible(caller, account);
        synchronized (this) {
            commands.send(new ChoosePowerLevel(account, level, clock.instant()));
            reload();
        }
    }

    @Override
    public boolean prefersByok(Caller caller, AccountId account) {
        requireVisible(caller, account);
        return current.prefersByok(account);
    }

    @Override
    public void setByokPreference(Caller caller, AccountId account, boolean preferByok) {
        requireVisible(caller, account);
        synchronized (this) {
            commands.send(new SetByokPreference(account, preferByok, clock.instant()));
            reload();
        }
    }

    @Override
    public Optional<UsageRecord> explain(Caller caller, RequestId requestId) {
        return usage.byRequest(caller.admin() ? Optional.empty() : Optional.of(caller.account()), requestId);
    }

    private static void requireVisible(Caller caller, AccountId account) {
        if (!caller.canSee(account)) {
            throw new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
        }
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw new IdentityException(IdentityError.ADMIN_REQUIRED, "this call needs the admin key");
        }
    }
}
