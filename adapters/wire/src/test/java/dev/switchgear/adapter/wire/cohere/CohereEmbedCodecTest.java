package dev.switchgear.adapter.wire.cohere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.adapter.wire.WireFormatException;
import org.junit.jupiter.api.Test;

/** OpenAI's embeddings request as Cohere's Embed API v2 request, and its documented response read back. */
class CohereEmbedCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CohereEmbedCodec codec = new CohereEmbedCodec(JSON);

    @Test
    void mapsTextsDimensionsAndInputType() throws Exception {
        var request = codec.toCohereRequest(JSON.readTree("{\"model\":\"x\",\"input\":[\"a\",\"b\"],\"dimensions\":256,"
                + "\"encoding_format\":\"base64\"}"), "embed-v4.0");
        assertThat(request.toString()).isEqualTo("{\"model\":\"embed-v4.0\",\"texts\":[\"a\",\"b\"],"
                + "\"input_type\":\"search_document\",\"embedding_types\":[\"float\"],\"output_dimension\":256}");
        var query = codec.toCohereRequest(JSON.readTree("{\"model\":\"x\",\"input\":\"q\",\"input_type\":\"search_query\"}"),
                "embed-english-v3.0");
        assertThat(query.path("input_type").asText()).isEqualTo("search_query");
    }

    @Test
    void refusesTokenIdsAndUnknownInputTypes() throws Exception {
        assertThatThrownBy(() -> codec.toCohereRequest(JSON.readTree("{\"model\":\"x\",\"input\":[1,2]}"), "e"))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("text only");
        assertThatThrownBy(() -> codec.toCohereRequest(JSON.readTree(
                "{\"model\":\"x\",\"input\":\"a\",\"input_type\":\"poetry\"}"), "e"))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("input_type");
    }

    @Test
    void readsTheVectorsAndBilledTokensOfTheDocumentedResponse() throws Exception {
        var answer = JSON.readTree("{\"id\":\"e-1\",\"embeddings\":{\"float\":[[0.5,-0.25],[1,0]]},"
                + "\"texts\":[\"a\",\"b\"],\"meta\":{\"api_version\":{\"version\":\"2\"},\"billed_units\":"
                + "{\"input_tokens\":9}},\"response_type\":\"embeddings_by_type\"}");
        assertThat(codec.isEmbedResponse(answer)).isTrue();
        assertThat(codec.vectors(answer)).containsExactly(new float[] {0.5f, -0.25f}, new float[] {1f, 0f});
        assertThat(CohereEmbedCodec.billedInputTokens(answer)).hasValue(9);
        assertThat(codec.isEmbedResponse(JSON.readTree("{\"message\":\"nope\"}"))).isFalse();
    }
}
