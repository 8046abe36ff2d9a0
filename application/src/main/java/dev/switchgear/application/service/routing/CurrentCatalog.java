package dev.switchgear.application.service.routing;

import dev.switchgear.application.port.out.routing.RoutingPolicyCommands;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.routing.Catalog;
import dev.switchgear.domain.routing.api.InitialiseCatalog;
import dev.switchgear.domain.routing.api.RoutingPolicyCommand;
import java.util.List;
import java.util.function.Supplier;

/**
 * The routing policy as the request path sees it: the current {@link Catalog}, folded from the
 * RoutingPolicy aggregate's events and swapped atomically after every change sent through here, so
 * a routing decision reads one consistent version without a lock. Changes go through the aggregate
 * (low rate); at first start the bundled default catalog is loaded as its first event.
 */
public class CurrentCatalog implements Supplier<Catalog> {

    private final RoutingPolicyCommands commands;
    private volatile Catalog current = Catalog.EMPTY;
    private volatile List<CreditAccountEvent> legacyPreferences = List.of();

    public CurrentCatalog(RoutingPolicyCommands commands) {
        this.commands = commands;
    }

    /** Reads the policy; loads {@code defaults} as its first event when there is none yet. */
    public Catalog initialise(Supplier<InitialiseCatalog> defaults) {
        reload();
        if (!current.initialised()) {
            try {
                commands.send(defaults.get());
            } catch (RuntimeException raced) {
                // another node initialised it meanwhile: refused by the policy (RoutingException), or by the
                // event store's unique key when both created the stream at once (ADR 0030)
                reload();
                if (!current.initialised()) {
                    throw raced;
                }
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

    /** Sends a command to the policy and folds the catalog again; returns the new catalog. */
    synchronized Catalog change(RoutingPolicyCommand command) {
        commands.send(command);
        return reload();
    }

    /**
     * Folds the catalog again from the policy's stream: on several nodes (ADR 0030), a change another
     * node made is picked up here periodically. Returns the catalog now.
     */
    public synchronized Catalog refresh() {
        return reload();
    }

    /**
     * The accounts' preferences that the policy's stream holds from before they became the
     * accounts' own (ADR 0012), as of the last read; for {@code LegacyPreferenceHandover}.
     */
    public List<CreditAccountEvent> legacyPreferences() {
        return legacyPreferences;
    }

    private Catalog reload() {
        RoutingPolicyCommands.PolicyHistory history = commands.history();
        legacyPreferences = history.legacyPreferences();
        current = Catalog.replay(history.changes());
        return current;
    }
}
