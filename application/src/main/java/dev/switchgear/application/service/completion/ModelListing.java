package dev.switchgear.application.service.completion;

import dev.switchgear.application.port.in.completion.ListModelsUseCase;
import dev.switchgear.application.port.in.credit.AccountStandings;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.completion.CompletionProvider;
import dev.switchgear.application.service.keyring.ByokKeys;
import dev.switchgear.domain.routing.Catalog;
import dev.switchgear.domain.shared.Tier;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The models a caller can use now: its tier's (or those it holds its own key for), whose provider
 * is connected. The admin sees every connected model.
 */
public final class ModelListing implements ListModelsUseCase {

    private final Supplier<Catalog> catalog;
    private final Set<String> providers;
    private final Set<String> platformConnected;
    private final AccountStandings accounts;
    private final ByokKeys byok;

    /** @param byok the callers' own provider keys; null when BYOK is not offered */
    public ModelListing(Supplier<Catalog> catalog, Collection<CompletionProvider> providers, AccountStandings accounts,
                        ByokKeys byok) {
        this.catalog = catalog;
        this.providers = providers.stream().map(CompletionProvider::providerId).collect(Collectors.toUnmodifiableSet());
        this.platformConnected = providers.stream().filter(CompletionProvider::hasPlatformCredential)
                .map(CompletionProvider::providerId).collect(Collectors.toUnmodifiableSet());
        this.accounts = accounts;
        this.byok = byok;
    }

    @Override
    public List<AvailableModel> models(Caller caller) {
        Catalog now = catalog.get();
        Set<String> own = caller.accountId().map(a -> byok == null ? Set.<String>of() : byok.providersOf(a))
                .orElse(Set.of());
        Tier tier = caller.accountId().map(a -> accounts.summary(a).map(x -> x.tier()).orElse(Tier.FREE))
                .orElse(Tier.ENTERPRISE);
        return now.models().stream()
                .filter(m -> platformConnected.contains(m.provider()) || (own.contains(m.provider())
                        && providers.contains(m.provider())))
                .filter(m -> m.minTier().ordinal() <= tier.ordinal() || own.contains(m.provider()))
                .map(m -> new AvailableModel(m.id(), m.provider(), m.endpointNames()))
                .toList();
    }
}
