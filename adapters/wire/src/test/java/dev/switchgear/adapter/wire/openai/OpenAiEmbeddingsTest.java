package dev.switchgear.adapter.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.adapter.wire.WireFormatException;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** OpenAI's embeddings request and response, read and written as OpenAI documents them. */
class OpenAiEmbeddingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void readsEveryDocumentedInputShape() throws Exception {
        var one = OpenAiEmbeddings.read(json("{\"model\":\"m\",\"input\":\"hello\"}"));
        assertThat(one.texts()).containsExactly("hello");
        assertThat(one.base64()).isFalse();
        var many = OpenAiEmbeddings.read(json("{\"model\":\"m\",\"input\":[\"a\",\"b\"],\"dimensions\":8,"
                + "\"encoding_format\":\"base64\",\"user\":\"u-1\"}"));
        assertThat(many.texts()).containsExactly("a", "b");
        assertThat(many.dimensions()).contains(8);
        assertThat(many.base64()).isTrue();
        assertThat(many.user()).contains("u-1");
        var tokens = OpenAiEmbeddings.read(json("{\"model\":\"m\",\"input\":[1,2,3]}"));
        assertThat(tokens.isTokens()).isTrue();
        assertThat(tokens.tokens()).singleElement().isEqualTo(new int[] {1, 2, 3});
        var tokenArrays = OpenAiEmbeddings.read(json("{\"model\":\"m\",\"input\":[[1],[2,3]]}"));
        assertThat(tokenArrays.size()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"input\":\"x\"}|model",
            "{\"model\":\"\",\"input\":\"x\"}|model",
            "{\"model\":\"m\"}|input",
            "{\"model\":\"m\",\"input\":\"\"}|input",
            "{\"model\":\"m\",\"input\":[]}|input",
            "{\"model\":\"m\",\"input\":[\"a\",1]}|input",
            "{\"model\":\"m\",\"input\":[1,\"a\"]}|input",
            "{\"model\":\"m\",\"input\":[1,-2]}|input",
            "{\"model\":\"m\",\"input\":[[1],[]]}|input",
            "{\"model\":\"m\",\"input\":{\"text\":\"a\"}}|input",
            "{\"model\":\"m\",\"input\":\"a\",\"dimensions\":0}|dimensions",
            "{\"model\":\"m\",\"input\":\"a\",\"dimensions\":1.5}|dimensions",
            "{\"model\":\"m\",\"input\":\"a\",\"dimensions\":\"8\"}|dimensions",
            "{\"model\":\"m\",\"input\":\"a\",\"encoding_format\":\"int8\"}|encoding_format",
            "{\"model\":\"m\",\"input\":\"a\",\"user\":7}|user"})
    void refusesWhatOpenAiRefusesNamingTheField(String body, String field) throws Exception {
        assertThatThrownBy(() -> OpenAiEmbeddings.read(json(body)))
                .isInstanceOf(WireFormatException.class)
                .satisfies(e -> assertThat(((WireFormatException) e).field()).isEqualTo(field));
    }

    @Test
    void refusesMoreThanOpenAisLimitOfInputs() throws Exception {
        String many = "[" + "\"a\",".repeat(OpenAiEmbeddings.MAX_INPUTS) + "\"a\"]";
        assertThatThrownBy(() -> OpenAiEmbeddings.read(json("{\"model\":\"m\",\"input\":" + many + "}")))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("2048");
    }

    @Test
    void base64IsLittleEndianFloat32AsOpenAiSendsIt() {
        // 1.0f is 0x3F800000: little-endian bytes 00 00 80 3F; -2.0f is 0xC0000000: 00 00 00 C0
        String encoded = OpenAiEmbeddings.toBase64(new float[] {1.0f, -2.0f});
        assertThat(Base64.getDecoder().decode(encoded))
                .containsExactly(0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0);
        assertThat(OpenAiEmbeddings.fromBase64(encoded)).containsExactly(1.0f, -2.0f);
    }

    @Test
    void writesOpenAisResponseShapeInFloatAndBase64() throws Exception {
        float[] v = {0.25f, -0.5f};
        JsonNode floats = OpenAiEmbeddings.response(JSON, List.of(v, v), "m", 7, false);
        assertThat(floats.toString()).isEqualTo("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                + "\"embedding\":[0.25,-0.5]},{\"object\":\"embedding\",\"index\":1,\"embedding\":[0.25,-0.5]}],"
                + "\"model\":\"m\",\"usage\":{\"prompt_tokens\":7,\"total_tokens\":7}}");
        JsonNode base64 = OpenAiEmbeddings.response(JSON, List.of(v), "m", 3, true);
        assertThat(base64.at("/data/0/embedding").asText()).isEqualTo(OpenAiEmbeddings.toBase64(v));
        assertThat(OpenAiEmbeddings.vectors(base64)).singleElement().isEqualTo(v);
    }

    @Test
    void readsVectorsInIndexOrderAndRefusesDuplicates() throws Exception {
        JsonNode shuffled = json("{\"data\":[{\"index\":1,\"embedding\":[2]},{\"index\":0,\"embedding\":[1]}]}");
        assertThat(OpenAiEmbeddings.vectors(shuffled)).containsExactly(new float[] {1}, new float[] {2});
        assertThatThrownBy(() -> OpenAiEmbeddings.vectors(json(
                "{\"data\":[{\"index\":0,\"embedding\":[2]},{\"index\":0,\"embedding\":[1]}]}")))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> OpenAiEmbeddings.vectors(json("{\"data\":[{\"index\":0,\"embedding\":\"!!\"}]}")))
                .isInstanceOf(WireFormatException.class);
    }
}
