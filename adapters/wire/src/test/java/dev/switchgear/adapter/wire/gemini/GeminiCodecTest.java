package dev.switchgear.adapter.wire.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.domain.shared.TokenUsage;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class GeminiCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final GeminiCodec codec = new GeminiCodec(JSON);

    @Test
    void thoughtsAreNotAnswerTextButTheirTokensAreOutput() throws IOException {
        JsonNode reply = JSON.readTree("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":["
                + "{\"text\":\"Let me think\",\"thought\":true},{\"text\":\"42\"}]},\"finishReason\":\"SAFETY\"}],"
                + "\"usageMetadata\":{\"promptTokenCount\":9,\"candidatesTokenCount\":2,\"thoughtsTokenCount\":30}}");

        ObjectNode completion = codec.toOpenAiResponse(reply, "gemini-2.5-flash", 1L);

        assertThat(completion.at("/choices/0/message/content").asText()).isEqualTo("42");
        assertThat(completion.at("/choices/0/finish_reason").asText()).isEqualTo("content_filter");
        assertThat(completion.path("model").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(completion.has("usage")).isFalse();
        assertThat(codec.usage(reply)).contains(new TokenUsage(9, 32, 0, 0, 0, 30));
        assertThat(codec.usage(JSON.readTree("{\"candidates\":[]}"))).isEmpty();
    }

    @Test
    void systemImagesAndSamplingGoWhereGeminiWantsThem() throws IOException {
        ObjectNode request = codec.toGeminiRequest(JSON.readTree("{\"max_completion_tokens\":99,\"top_p\":0.5,\"n\":1,"
                + "\"response_format\":{\"type\":\"json_object\"},\"messages\":[{\"role\":\"developer\",\"content\":\"A\"},"
                + "{\"role\":\"system\",\"content\":\"B\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"see\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/jpeg;base64,/9j/\"}}]},"
                + "{\"role\":\"user\",\"content\":\"more\"}]}"), null);

        assertThat(request.at("/systemInstruction/parts/0/text").asText()).isEqualTo("A\n\nB");
        assertThat(request.path("contents")).hasSize(1);
        assertThat(request.at("/contents/0/parts/1/inlineData/mimeType").asText()).isEqualTo("image/jpeg");
        assertThat(request.at("/contents/0/parts/2/text").asText()).isEqualTo("more");
        assertThat(request.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(99);
        assertThat(request.at("/generationConfig/topP").asDouble()).isEqualTo(0.5);
        assertThat(request.at("/generationConfig/candidateCount").asInt()).isEqualTo(1);
        assertThat(request.at("/generationConfig/responseMimeType").asText()).isEqualTo("application/json");
        assertThat(codec.toGeminiRequest(JSON.readTree("{\"max_tokens\":99,\"messages\":[]}"), 256)
                .at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(256);
    }
}
