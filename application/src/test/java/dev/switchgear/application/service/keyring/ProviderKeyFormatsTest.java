package dev.switchgear.application.service.keyring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.domain.keyring.KeyringException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The key formats of the requirements' Appendix A (and the other catalog providers'). */
class ProviderKeyFormatsTest {

    private static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    @ParameterizedTest(name = "{0} accepts a key of its format")
    @CsvSource({
            "openai, sk-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKL", // 51, the Appendix's shape
            "openai, sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghij",
            "huggingface, hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567", // 37
            "groq, gsk_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP", // 56
            "perplexity, pplx-0123456789abcdefghijklmnop",
            "cohere, AbCdEfGhIjKlMnOpQrStUvWxYz0123456789ABCD", // 40
            "together, 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", // 64 hex
            "gemini, AIzaSyA0123456789abcdefghijklmnopqrstuv", // 39
            "custom, any-key-16-chars-long",
    })
    void acceptsEachProvidersFormat(String provider, String key) {
        assertThatCode(() -> ProviderKeyFormats.check(provider, key)).doesNotThrowAnyException();
    }

    @Test
    void anthropicNeedsItsPrefixAndAtLeast64Characters() {
        String key = "sk-ant-api03-" + repeat('x', 51);
        assertThat(key).hasSize(64);
        assertThatCode(() -> ProviderKeyFormats.check("anthropic", key)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ProviderKeyFormats.check("anthropic", key.substring(0, 63)))
                .isInstanceOf(KeyringException.class);
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @CsvSource({
            "openai, sk-ant-api03-this-is-an-anthropic-key-pasted-into-openai-0000000000000", // wrong provider
            "openai, sk-short",
            "huggingface, hf_tooShort",
            "groq, gsk_0123456789",
            "cohere, AbCdEfGhIjKlMnOpQrStUvWxYz0123456789ABC", // 39
            "together, 0123456789abcdef",
            "perplexity, 0123456789abcdefghijklmnopqrstuvwxyz",
            "custom, short",
            "openai, sk-with spaces inside the key which is long enough 000",
    })
    void refusesKeysOfTheWrongShapeWithoutQuotingThem(String provider, String key) {
        assertThatThrownBy(() -> ProviderKeyFormats.check(provider, key)).isInstanceOf(KeyringException.class)
                .hasMessageNotContaining(key).hasMessageContaining("does not look like");
    }

    @Test
    void masksAsTheRequirementsShowAndFingerprintsApartPerProvider() {
        String key = "sk-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHa1b2";
        assertThat(ProviderKeyFormats.mask("openai", key)).isEqualTo("sk-…a1b2");
        assertThat(ProviderKeyFormats.mask("openai", "sk-proj-" + key.substring(3))).isEqualTo("sk-proj-…a1b2");
        assertThat(ProviderKeyFormats.mask("cohere", "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789WXYZ")).isEqualTo("…WXYZ");
        assertThat(ProviderKeyFormats.fingerprint("openai", key)).startsWith("sha256:").hasSize(23)
                .isNotEqualTo(ProviderKeyFormats.fingerprint("groq", key));
        assertThat(ProviderKeyFormats.fingerprint("openai", key)).isEqualTo(ProviderKeyFormats.fingerprint("openai", key));
    }
}
