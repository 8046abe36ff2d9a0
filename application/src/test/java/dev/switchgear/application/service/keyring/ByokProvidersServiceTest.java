package dev.switchgear.application.service.keyring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.port.in.keyring.ByokProvider;
import dev.switchgear.application.port.out.keyring.ProviderKeyVerifier;
import dev.switchgear.domain.keyring.KeyringError;
import dev.switchgear.domain.keyring.KeyringException;
import dev.switchgear.domain.keyring.api.KeyTestStatus;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ByokProvidersServiceTest {

    private final ProviderKeyVerifier verifier = new ProviderKeyVerifier() {
        @Override
        public boolean canVerify(String provider) {
            return provider.equals("openai");
        }

        @Override
        public KeyCheck verify(String provider, String apiKey, java.util.Optional<java.net.URI> customBaseUrl) {
            return new KeyCheck(KeyTestStatus.VALID, 1, "ok");
        }
    };
    private final ByokProvidersService service = new ByokProvidersService(Set.of("mistral"), verifier);

    @Test
    void theRequirementsProvidersTheCustomEndpointAndConfiguredOnesAreOffered() {
        assertThat(service.providers()).extracting(ByokProvider::id).contains("openai", "anthropic", "huggingface",
                "cohere", "together", "perplexity", "groq", "custom", "mistral").doesNotHaveDuplicates();
        assertThat(service.providers()).filteredOn(p -> p.id().equals("openai")).singleElement()
                .satisfies(p -> assertThat(p.testable()).isTrue());
        assertThat(service.providers()).filteredOn(p -> p.id().equals("groq")).singleElement()
                .satisfies(p -> assertThat(p.testable()).isFalse());
        assertThat(service.providers()).filteredOn(ByokProvider::custom).singleElement()
                .satisfies(p -> assertThat(p.testable()).isTrue());
    }

    @Test
    void aCallersProviderIdIsNormalisedOrRefused() {
        assertThat(service.id("  OpenAI ")).isEqualTo("openai");
        assertThat(service.id("mistral")).isEqualTo("mistral");
        for (String unknown : new String[] {"nobody", "", null}) {
            assertThatThrownBy(() -> service.id(unknown)).isInstanceOfSatisfying(KeyringException.class,
                    e -> assertThat(e.code()).isEqualTo(KeyringError.INVALID_KEY));
        }
    }
}
