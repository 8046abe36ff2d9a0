package dev.switchgear.domain.routing;

import dev.switchgear.domain.routing.api.CatalogInitialised;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.routing.api.Endpoint;
import dev.switchgear.domain.routing.api.ModelDefined;
import dev.switchgear.domain.routing.api.ModelRemoved;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.routing.api.ProviderDefined;
import dev.switchgear.domain.routing.api.ProviderDefinition;
import dev.switchgear.domain.routing.api.ProviderRemoved;
import dev.switchgear.domain.routing.api.RoutingRules;
import dev.switchgear.domain.routing.api.RoutingPolicyEvent;
import dev.switchgear.domain.routing.api.RoutingRulesSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The routing policy's state at one version: providers, models and rules (each account's power
 * level and BYOK preference are the account's own, ADR 0012). Immutable: each event gives a new catalog. The rules that keep it
 * consistent (a model's provider exists, a chain names known models, prices are not negative) are
 * checked here, so the aggregate and anyone replaying the events agree.
 */
public final class Catalog {

    public static final Catalog EMPTY = new Catalog(0, Map.of(), Map.of(), new RoutingRules(Map.of(), Map.of(), 3));
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,199}");

    private final long version;
    private final Map<String, ProviderDefinition> providers;
    private final Map<String, CatalogModel> models;
    private final RoutingRules rules;

    private Catalog(long version, Map<String, ProviderDefinition> providers, Map<String, CatalogModel> models,
                    RoutingRules rules) {
        this.version = version;
        this.providers = providers;
        this.models = models;
        this.rules = rules;
    }

    /** Folds a policy's history, as the aggregate does; the audit's and the request path's catalog. */
    public static Catalog replay(Iterable<? extends RoutingPolicyEvent> history) {
        Catalog catalog = EMPTY;
        for (RoutingPolicyEvent event : history) {
            catalog = catalog.apply(event);
        }
        return catalog;
    }

    public long version() {
        return version;
    }

    public boolean initialised() {
        return version > 0;
    }

    public Collection<ProviderDefinition> providers() {
        return providers.values();
    }

    public Optional<ProviderDefinition> provider(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    public Collection<CatalogModel> models() {
        return models.values();
    }

    public Optional<CatalogModel> model(String id) {
        return Optional.ofNullable(models.get(id));
    }

    public RoutingRules rules() {
        return rules;
    }

    // ---- decisions: each checks a change and returns the catalog it would give -----------------

    public void checkInitialise(List<ProviderDefinition> newProviders, List<CatalogModel> newModels,
                                RoutingRules newRules) {
        if (initialised()) {
            throw new RoutingException("the catalog is already initialised");
        }
        Map<String, ProviderDefinition> p = new LinkedHashMap<>();
        newProviders.forEach(def -> p.put(checkId(def.id(), "provider"), def));
        Map<String, CatalogModel> m = new LinkedHashMap<>();
        newModels.forEach(model -> m.put(checkModel(model, p).id(), model));
        checkRules(newRules, m);
    }

    public void checkProvider(ProviderDefinition provider) {
        checkId(provider.id(), "provider");
        if (!List.of("openai", "anthropic", "cohere", "gemini").contains(provider.type())) {
            throw new RoutingException("a provider's type is openai, anthropic, cohere or gemini");
        }
    }

    public void checkProviderRemoval(String providerId) {
        if (!providers.containsKey(providerId)) {
            throw new RoutingException("no provider " + providerId);
        }
        models.values().stream().filter(m -> m.provider().equals(providerId)).findFirst().ifPresent(m -> {
            throw new RoutingException("provider " + providerId + " still has models, e.g. " + m.id());
        });
    }

    public void checkModel(CatalogModel model) {
        checkModel(model, providers);
    }

    public void checkModelRemoval(String modelId) {
        if (!models.containsKey(modelId)) {
            throw new RoutingException("no model " + modelId);
        }
        rules.chains().forEach((chain, members) -> {
            if (members.contains(modelId) || chain.equals(modelId)) {
                throw new RoutingException("model " + modelId + " is named by the chain " + chain
                        + "; change the rules first");
            }
        });
    }

    public void checkRules(RoutingRules newRules) {
        checkRules(newRules, models);
    }

    // ---- evolution ------------------------------------------------------------------------------

    public Catalog apply(RoutingPolicyEvent event) {
        if (event instanceof CatalogInitialised e) {
            Map<String, ProviderDefinition> p = new LinkedHashMap<>();
            e.providers().forEach(def -> p.put(def.id(), def));
            Map<String, CatalogModel> m = new LinkedHashMap<>();
            e.models().forEach(model -> m.put(model.id(), model));
            return new Catalog(e.version(), Map.copyOf(p), ordered(m), e.rules());
        }
        if (event instanceof ProviderDefined e) {
            Map<String, ProviderDefinition> p = new LinkedHashMap<>(providers);
            p.put(e.provider().id(), e.provider());
            return new Catalog(e.version(), Map.copyOf(p), models, rules);
        }
        if (event instanceof ProviderRemoved e) {
            Map<String, ProviderDefinition> p = new LinkedHashMap<>(providers);
            p.remove(e.providerId());
            return new Catalog(e.version(), Map.copyOf(p), models, rules);
        }
        if (event instanceof ModelDefined e) {
            Map<String, CatalogModel> m = new LinkedHashMap<>(models);
            m.put(e.model().id(), e.model());
            return new Catalog(e.version(), providers, ordered(m), rules);
        }
        if (event instanceof ModelRemoved e) {
            Map<String, CatalogModel> m = new LinkedHashMap<>(models);
            m.remove(e.modelId());
            return new Catalog(e.version(), providers, ordered(m), rules);
        }
        if (event instanceof RoutingRulesSet e) {
            return new Catalog(e.version(), providers, models, e.rules());
        }
        throw new IllegalArgumentException("not an event of the routing policy: " + event.getClass().getName());
    }

    /** Models in a stable order (by id), so every replay ranks ties the same way. */
    private static Map<String, CatalogModel> ordered(Map<String, CatalogModel> models) {
        Map<String, CatalogModel> sorted = new LinkedHashMap<>();
        models.keySet().stream().sorted().forEach(id -> sorted.put(id, models.get(id)));
        return java.util.Collections.unmodifiableMap(sorted);
    }

    private static String checkId(String id, String what) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new RoutingException("a " + what + " id has 1 to 200 letters, digits or ._:/@- characters");
        }
        return id;
    }

    private static CatalogModel checkModel(CatalogModel model, Map<String, ProviderDefinition> known) {
        checkId(model.id(), "model");
        if (!known.containsKey(model.provider())) {
            throw new RoutingException("model " + model.id() + " names an unknown provider " + model.provider());
        }
        if (model.inputPer1k() < 0 || model.outputPer1k() < 0 || model.cachedInputPer1k() < 0
                || model.cacheWrite5mPer1k() < 0 || model.cacheWrite1hPer1k() < 0 || model.reasoningPer1k() < 0) {
            throw new RoutingException("prices cannot be negative");
        }
        boolean embeddingsOnly = model.endpoints().equals(java.util.Set.of(Endpoint.EMBEDDINGS));
        if (model.contextTokens() <= 0 || model.defaultMaxOutputTokens() < 0
                || model.defaultMaxOutputTokens() == 0 && !embeddingsOnly
                || model.defaultMaxOutputTokens() > model.contextTokens()) {
            throw new RoutingException("a model needs a context window and a default output cap within it"
                    + " (0 only for a model that serves nothing but embeddings)");
        }
        if (model.quality() < 0 || model.quality() > 100) {
            throw new RoutingException("quality is a score from 0 to 100");
        }
        return model;
    }

    private static void checkRules(RoutingRules rules, Map<String, CatalogModel> known) {
        if (rules.maxAttempts() < 1 || rules.maxAttempts() > 10) {
            throw new RoutingException("maxAttempts is 1 to 10");
        }
        rules.qualityFloors().values().forEach(floor -> {
            if (floor < 0 || floor > 100) {
                throw new RoutingException("a quality floor is 0 to 100");
            }
        });
        rules.chains().forEach((name, members) -> {
            checkId(name, "chain");
            if (PowerLevel.fromCode(name).isPresent() || name.equals("auto")) {
                throw new RoutingException("`" + name + "` is a reserved alias, not a chain name");
            }
            if (members.isEmpty()) {
                throw new RoutingException("chain " + name + " is empty");
            }
            members.forEach(member -> {
                if (!known.containsKey(member)) {
                    throw new RoutingException("chain " + name + " names an unknown model " + member);
                }
            });
        });
    }
}
