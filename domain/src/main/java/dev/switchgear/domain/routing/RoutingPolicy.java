package dev.switchgear.domain.routing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.switchgear.domain.routing.api.CatalogInitialised;
import dev.switchgear.domain.routing.api.DefineModel;
import dev.switchgear.domain.routing.api.DefineProvider;
import dev.switchgear.domain.routing.api.InitialiseCatalog;
import dev.switchgear.domain.routing.api.ModelDefined;
import dev.switchgear.domain.routing.api.ModelRemoved;
import dev.switchgear.domain.routing.api.PolicyIds;
import dev.switchgear.domain.routing.api.ProviderDefined;
import dev.switchgear.domain.routing.api.ProviderRemoved;
import dev.switchgear.domain.routing.api.RemoveModel;
import dev.switchgear.domain.routing.api.RemoveProvider;
import dev.switchgear.domain.routing.api.RoutingRulesSet;
import dev.switchgear.domain.routing.api.SetRoutingRules;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The platform's routing policy: the catalog of providers and models and the routing rules —
 * event-sourced and versioned: every catalog change is an event carrying the new catalog version,
 * and every charge records the version it was priced at.
 *
 * <p>Each account's power level and BYOK preference are the account's own (ADR 0012). Streams
 * written before that also hold those preferences here; the policy has no handler for them (they
 * change no catalog) and {@code LegacyPreferenceHandover} hands them over to the accounts once.
 */
public class RoutingPolicy {

    @AggregateIdentifier
    private String policyId;
    private Catalog catalog = Catalog.EMPTY;

    protected RoutingPolicy() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(InitialiseCatalog command) {
        catalog.checkInitialise(command.providers(), command.models(), command.rules());
        apply(new CatalogInitialised(1, command.providers(), command.models(), command.rules(), command.at()));
    }

    @CommandHandler
    void handle(DefineProvider command) {
        catalog.checkProvider(command.provider());
        apply(new ProviderDefined(catalog.version() + 1, command.provider(), command.at()));
    }

    @CommandHandler
    void handle(RemoveProvider command) {
        catalog.checkProviderRemoval(command.providerId());
        apply(new ProviderRemoved(catalog.version() + 1, command.providerId(), command.at()));
    }

    @CommandHandler
    void handle(DefineModel command) {
        catalog.checkModel(command.model());
        apply(new ModelDefined(catalog.version() + 1, command.model(), command.at()));
    }

    @CommandHandler
    void handle(RemoveModel command) {
        catalog.checkModelRemoval(command.modelId());
        apply(new ModelRemoved(catalog.version() + 1, command.modelId(), command.at()));
    }

    @CommandHandler
    void handle(SetRoutingRules command) {
        catalog.checkRules(command.rules());
        apply(new RoutingRulesSet(catalog.version() + 1, command.rules(), command.at()));
    }

    @EventSourcingHandler
    void on(CatalogInitialised event) {
        policyId = PolicyIds.PLATFORM;
        catalog = catalog.apply(event);
    }

    @EventSourcingHandler
    void on(ProviderDefined event) {
        catalog = catalog.apply(event);
    }

    @EventSourcingHandler
    void on(ProviderRemoved event) {
        catalog = catalog.apply(event);
    }

    @EventSourcingHandler
    void on(ModelDefined event) {
        catalog = catalog.apply(event);
    }

    @EventSourcingHandler
    void on(ModelRemoved event) {
        catalog = catalog.apply(event);
    }

    @EventSourcingHandler
    void on(RoutingRulesSet event) {
        catalog = catalog.apply(event);
    }
}
