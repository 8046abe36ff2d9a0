package dev.switchgear.application.service.keyring;

import dev.switchgear.application.port.in.keyring.ByokProvider;
import dev.switchgear.application.port.in.keyring.ListByokProvidersUseCase;
import dev.switchgear.application.port.out.keyring.ProviderKeyVerifier;
import dev.switchgear.domain.keyring.KeyringError;
import dev.switchgear.domain.keyring.KeyringException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The providers a key can be stored for: those of the requirements (always offered), the custom
 * endpoint, and the configured providers that take a key; and the one place a provider id given
 * by a caller is normalised and checked.
 */
public class ByokProvidersService implements ListByokProvidersUseCase {

    private final Set<String> providers;
    private final ProviderKeyVerifier verifier;

    /**
     * @param configuredProviders the ids of the providers the gateway is configured for that take a
     *                            key (beyond those of the requirements, which are always offered)
     */
    public ByokProvidersService(Set<String> configuredProviders, ProviderKeyVerifier verifier) {
        Set<String> all = new LinkedHashSet<>(List.of("openai", "anthropic", "huggingface", "cohere", "together",
                "perplexity", "groq", ProviderKeyFormats.CUSTOM));
        all.addAll(configuredProviders);
        this.providers = Set.copyOf(all);
        this.verifier = verifier;
    }

    @Override
    public List<ByokProvider> providers() {
        List<ByokProvider> list = new ArrayList<>();
        Set<String> listed = new LinkedHashSet<>();
        ProviderKeyFormats.known().forEach((id, format) -> {
            if (providers.contains(id)) {
                list.add(describe(id));
                listed.add(id);
            }
        });
        providers.stream().filter(p -> !listed.contains(p)).sorted().forEach(p -> list.add(describe(p)));
        return list;
    }

    /** The provider id a caller gave, normalised; refused when no key can be stored for it. */
    String id(String provider) {
        String id = provider == null ? "" : provider.strip().toLowerCase(Locale.ROOT);
        if (!providers.contains(id)) {
            throw new KeyringException(KeyringError.INVALID_KEY,
                    "unknown provider; GET /api/v1/byok/providers lists the providers a key can be stored for");
        }
        return id;
    }

    private ByokProvider describe(String id) {
        ProviderKeyFormats.Format format = ProviderKeyFormats.of(id);
        boolean custom = ProviderKeyFormats.CUSTOM.equals(id);
        return new ByokProvider(id, format.name(), format.description(), custom || verifier.canVerify(id), custom,
                format.pattern().pattern());
    }
}
