package dev.switchgear.application.service.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.TestCatalogs;
import dev.switchgear.application.port.in.completion.CompletionError;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.completion.CountTokensUseCase.TokenCount;
import dev.switchgear.application.port.out.completion.TokenCounter;
import dev.switchgear.domain.routing.Catalog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which upstream model's tokenizer counts a request: a model's own upstream id, a chain's first
 * member's, none for an automatic choice, the custom endpoint's model; unknown names are not found
 * and nothing is counted for them.
 */
class TokenCountServiceTest {

    private final Catalog catalog = TestCatalogs.of(List.of(
            TestCatalogs.model("fast", "openai", "gpt-4o-mini", 1, 1, 100),
            TestCatalogs.model("claude", "anthropic", "claude-sonnet-4-5", 1, 1, 100)),
            Map.of("best", List.of("claude", "fast")), 3);
    private final List<String> counted = new ArrayList<>();
    private final TokenCounter counter = (model, request) -> {
        counted.add(model);
        return new TokenCount(request.length, model.startsWith("gpt"));
    };
    private final TokenCountService service = new TokenCountService(() -> catalog, counter);
    private final byte[] request = "{\"messages\":[]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aCatalogModelIsCountedWithItsUpstreamModelsTokenizer() {
        TokenCount count = service.count("fast", request);

        assertThat(counted).containsExactly("gpt-4o-mini");
        assertThat(count).isEqualTo(new TokenCount(request.length, true));
    }

    @Test
    void aChainIsCountedWithItsFirstMembersTokenizer() {
        assertThat(service.count("best", request).exact()).isFalse();
        assertThat(counted).containsExactly("claude-sonnet-4-5");
    }

    @Test
    void anAutomaticChoiceAndACustomModelAreCountedWithoutACatalogModel() {
        service.count("auto", request);
        service.count("eco", request);
        service.count("custom/llama3", request);

        assertThat(counted).containsExactly("", "", "llama3");
    }

    @Test
    void anUnknownModelIsNotFoundAndNothingIsCounted() {
        assertThatThrownBy(() -> service.count("nope", request))
                .isInstanceOfSatisfying(CompletionException.class,
                        e -> assertThat(e.code()).isEqualTo(CompletionError.MODEL_NOT_FOUND));
        assertThatThrownBy(() -> service.count("custom/", request)).isInstanceOf(CompletionException.class);
        assertThat(counted).isEmpty();
    }
}
