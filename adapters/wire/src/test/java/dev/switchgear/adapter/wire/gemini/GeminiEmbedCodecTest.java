package dev.switchgear.adapter.wire.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.adapter.wire.WireFormatException;
import org.junit.jupiter.api.Test;

/** OpenAI's embeddings request as Gemini's embedContent / batchEmbedContents, and their responses read back. */
class GeminiEmbedCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final GeminiEmbedCodec codec = new GeminiEmbedCodec(JSON);

    @Test
    void oneTextIsAnEmbedContentRequest() throws Exception {
        var openAi = JSON.readTree("{\"model\":\"x\",\"input\":\"hello\",\"dimensions\":768,\"task_type\":\"RETRIEVAL_QUERY\"}");
        assertThat(GeminiEmbedCodec.isBatch(openAi)).isFalse();
        assertThat(codec.toEmbedContentRequest(openAi, "gemini-embedding-001").toString()).isEqualTo(
                "{\"content\":{\"parts\":[{\"text\":\"hello\"}]},\"taskType\":\"RETRIEVAL_QUERY\",\"outputDimensionality\":768}");
    }

    @Test
    void severalTextsAreABatchNamingTheModelInEachRequest() throws Exception {
        var openAi = JSON.readTree("{\"model\":\"x\",\"input\":[\"a\",\"b\"]}");
        assertThat(GeminiEmbedCodec.isBatch(openAi)).isTrue();
        assertThat(codec.toBatchRequest(openAi, "text-embedding-004").toString()).isEqualTo("{\"requests\":["
                + "{\"model\":\"models/text-embedding-004\",\"content\":{\"parts\":[{\"text\":\"a\"}]}},"
                + "{\"model\":\"models/text-embedding-004\",\"content\":{\"parts\":[{\"text\":\"b\"}]}}]}");
    }

    @Test
    void refusesTokenIdsAndUnknownTaskTypes() throws Exception {
        assertThatThrownBy(() -> codec.toEmbedContentRequest(JSON.readTree("{\"model\":\"x\",\"input\":[1]}"), "g"))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> codec.toEmbedContentRequest(JSON.readTree(
                "{\"model\":\"x\",\"input\":\"a\",\"task_type\":\"DREAMING\"}"), "g"))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("task_type");
    }

    @Test
    void readsBothResponseShapes() throws Exception {
        assertThat(codec.vectors(JSON.readTree("{\"embedding\":{\"values\":[0.1,0.2]}}")))
                .containsExactly(new float[] {0.1f, 0.2f});
        assertThat(codec.vectors(JSON.readTree("{\"embeddings\":[{\"values\":[1]},{\"values\":[2]}]}")))
                .containsExactly(new float[] {1f}, new float[] {2f});
        assertThat(GeminiEmbedCodec.reportedTokens(JSON.readTree("{\"embedding\":{\"values\":[1]}}"))).isEmpty();
    }
}
