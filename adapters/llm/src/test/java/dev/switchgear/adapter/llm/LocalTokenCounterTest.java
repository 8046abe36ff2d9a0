package dev.switchgear.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.switchgear.application.port.in.completion.CountTokensUseCase.TokenCount;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The local count of a chat request: OpenAI models with their tokenizer plus the chat overheads
 * (3 per message, 3 for the reply), others at one token per four bytes; system prompt, tool calls,
 * tool results and tool definitions all count.
 */
class LocalTokenCounterTest {

    private final LocalTokenCounter counter = new LocalTokenCounter(new ObjectMapper());

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anOpenAiModelIsCountedExactlyWithItsTokenizerAndTheChatOverheads() {
        Encoding o200k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
        TokenCount count = counter.prompt("gpt-4o-mini",
                bytes("{\"messages\":[{\"role\":\"user\",\"content\":\"Hello there, tokenizer\"}]}"));

        assertThat(count.exact()).isTrue();
        assertThat(count.inputTokens()).isEqualTo(3 + 3 + o200k.countTokensOrdinary("user")
                + o200k.countTokensOrdinary("Hello there, tokenizer"));
    }

    @Test
    void anyOtherModelIsEstimatedAtOneTokenPerFourBytes() {
        TokenCount count = counter.prompt("claude-sonnet-4-5",
                bytes("{\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]}"));

        assertThat(count.exact()).isFalse();
        assertThat(count.inputTokens()).isEqualTo(3 + 3 + 1 + 3); // "user" 4 bytes, "Hello there" 11 bytes
        assertThat(counter.prompt("", bytes("{\"messages\":[]}")).exact()).isFalse();
        assertThat(counter.prompt("openai/gpt-4o", bytes("{\"messages\":[]}")).exact()).isTrue();
    }

    @Test
    void theSystemPromptToolCallsToolResultsAndToolDefinitionsAllCount() {
        String user = "{\"role\":\"user\",\"content\":\"What is the weather in Paris?\"}";
        long plain = counter.prompt("gpt-4o", bytes("{\"messages\":[" + user + "]}")).inputTokens();
        long withSystem = counter.prompt("gpt-4o", bytes("{\"messages\":[{\"role\":\"system\",\"content\":"
                + "\"You are a terse assistant.\"}," + user + "]}")).inputTokens();
        String tools = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"weather\",\"description\":"
                + "\"Current weather for a city\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":"
                + "{\"type\":\"string\"}}}}}]";
        long withTools = counter.prompt("gpt-4o", bytes("{\"messages\":[" + user + "]" + tools + "}")).inputTokens();
        long withToolTurns = counter.prompt("gpt-4o", bytes("{\"messages\":[" + user + ",{\"role\":\"assistant\","
                + "\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":"
                + "\"weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},{\"role\":\"tool\",\"tool_call_id\":"
                + "\"c1\",\"content\":\"18 degrees and sunny\"}]" + tools + "}")).inputTokens();

        assertThat(withSystem).isGreaterThan(plain);
        assertThat(withTools).isGreaterThan(plain);
        assertThat(withToolTurns).isGreaterThan(withTools + 2 * 3);
    }
}
