package dev.switchgear.adapter.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.domain.shared.TokenUsage;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The internal usage shape (OpenAI's, with the cache-write extension), read and written. */
class OpenAiUsageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aUsageWithoutPartsIsWrittenExactlyAsBefore() {
        ObjectNode node = JSON.createObjectNode();
        OpenAiUsage.put(node, new TokenUsage(12, 3));
        assertThat(node.path("usage").toString()).isEqualTo("{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}");
    }

    @Test
    void everyPartIsWrittenAndReadBack() {
        TokenUsage usage = new TokenUsage(5000, 900, 3000, 700, 300, 600);
        ObjectNode node = JSON.createObjectNode();
        OpenAiUsage.put(node, usage);

        assertThat(node.at("/usage/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(3000);
        assertThat(node.at("/usage/prompt_tokens_details/cache_creation_tokens").asLong()).isEqualTo(1000);
        assertThat(node.at("/usage/prompt_tokens_details/cache_creation_token_details/ephemeral_5m_input_tokens")
                .asLong()).isEqualTo(700);
        assertThat(node.at("/usage/completion_tokens_details/reasoning_tokens").asLong()).isEqualTo(600);
        assertThat(OpenAiUsage.read(node.path("usage"))).contains(usage);
    }

    @Test
    void openRoutersCacheWriteNameIsReadAndCountsAreNeverTrustedBeyondTheirTotals() throws IOException {
        assertThat(OpenAiUsage.read(json("{\"prompt_tokens\":100,\"completion_tokens\":10,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":40,\"cache_write_tokens\":25}}")))
                .contains(new TokenUsage(100, 10, 40, 25, 0, 0));
        // more cached and written than the prompt, more reasoning than the output, negative counts: cut to fit
        assertThat(OpenAiUsage.read(json("{\"prompt_tokens\":100,\"completion_tokens\":10,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":90,\"cache_creation_tokens\":50,"
                + "\"cache_creation_token_details\":{\"ephemeral_1h_input_tokens\":50}},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":11}}")))
                .contains(new TokenUsage(100, 10, 90, 0, 10, 10));
        assertThat(OpenAiUsage.read(json("{\"prompt_tokens\":-5,\"completion_tokens\":3,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":-2}}"))).contains(new TokenUsage(0, 3));
        assertThat(OpenAiUsage.read(json("{\"prompt_tokens\":\"many\",\"completion_tokens\":3}"))).isEmpty();
        assertThat(OpenAiUsage.read(null)).isEmpty();
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }
}
