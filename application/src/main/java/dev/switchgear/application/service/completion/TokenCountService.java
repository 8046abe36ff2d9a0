package dev.switchgear.application.service.completion;

import dev.switchgear.application.port.in.completion.CompletionError;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.completion.CountTokensUseCase;
import dev.switchgear.application.port.out.completion.TokenCounter;
import dev.switchgear.domain.routing.Catalog;
import dev.switchgear.domain.routing.Router;
import dev.switchgear.domain.shared.PowerLevel;
import java.util.List;
import java.util.function.Supplier;

/**
 * Resolves the name a caller used to the upstream model whose tokenizer counts the request: a
 * catalog model counts with its own upstream id, a fallback chain with its first member's, and an
 * automatic choice ({@code auto}, a power level) or the caller's custom endpoint
 * ({@code custom/<model>}) with the named custom model or none (an estimate). Any other name is
 * not found, as on a completion. Nothing is charged, recorded or taken from a rate limit.
 */
public final class TokenCountService implements CountTokensUseCase {

    private final Supplier<Catalog> catalog;
    private final TokenCounter counter;

    public TokenCountService(Supplier<Catalog> catalog, TokenCounter counter) {
        this.catalog = catalog;
        this.counter = counter;
    }

    @Override
    public TokenCount count(String model, byte[] chatRequest) {
        return counter.prompt(upstreamModel(model), chatRequest);
    }

    private String upstreamModel(String model) {
        Catalog now = catalog.get();
        if (model.startsWith(CompletionService.CUSTOM_PREFIX) && model.length() > CompletionService.CUSTOM_PREFIX.length()) {
            return model.substring(CompletionService.CUSTOM_PREFIX.length());
        }
        if (now.model(model).isPresent()) {
            return now.model(model).get().upstreamModel();
        }
        List<String> chain = now.rules().chains().get(model);
        if (chain != null && !chain.isEmpty() && now.model(chain.get(0)).isPresent()) {
            return now.model(chain.get(0)).get().upstreamModel();
        }
        if (Router.AUTO.equals(model) || PowerLevel.fromCode(model).isPresent()) {
            return "";
        }
        throw new CompletionException(CompletionError.MODEL_NOT_FOUND,
                "The model `" + model + "` does not exist or is not available");
    }
}
