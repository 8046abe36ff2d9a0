package dev.switchgear.adapter.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code sim-embed}'s deterministic vectors and {@code sim-echo}'s legacy completions, plain and streamed. */
class SimulatorEmbeddingsAndCompletionsTest {

    private static Simulator simulator;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        simulator = Simulator.start(new Simulator.Settings(0, Duration.ZERO, 0, Optional.empty()));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) array.get(i).asDouble();
        }
        return values;
    }

    @Test
    void embeddingsAreDeterministicUnitVectorsOfTheDimensionsAsked() throws Exception {
        String body = "{\"model\":\"sim-embed\",\"input\":[\"hello\",\"world\",\"hello\"],\"dimensions\":64}";
        JsonNode first = json.readTree(post("/embeddings", body).body());
        JsonNode again = json.readTree(post("/embeddings", body).body());

        assertThat(first.path("object").asText()).isEqualTo("list");
        assertThat(first.path("model").asText()).isEqualTo("sim-embed");
        assertThat(first.path("data")).hasSize(3);
        float[] hello = floats(first.at("/data/0/embedding"));
        assertThat(hello).hasSize(64);
        double norm = 0;
        for (float v : hello) {
            norm += (double) v * v;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(floats(first.at("/data/2/embedding"))).as("the same text, the same vector").isEqualTo(hello);
        assertThat(floats(first.at("/data/1/embedding"))).as("another text, another vector").isNotEqualTo(hello);
        assertThat(again).as("the same request, the same answer").isEqualTo(first);
        assertThat(first.at("/data/1/index").asInt()).isEqualTo(1);
        // the simulator's token rule: a token per four bytes, rounded up
        assertThat(first.at("/usage/prompt_tokens").asLong()).isEqualTo(2 + 2 + 2);
        assertThat(first.at("/usage/total_tokens").asLong()).isEqualTo(6);
        assertThat(SimulatedEmbeddings.of("hello", 256)).hasSize(SimulatedEmbeddings.DEFAULT_DIMENSIONS);
    }

    @Test
    void base64IsTheSameVectorAsLittleEndianFloat32() throws Exception {
        JsonNode floats = json.readTree(post("/embeddings", "{\"model\":\"sim-embed\",\"input\":\"x\",\"dimensions\":8}").body());
        JsonNode base64 = json.readTree(post("/embeddings",
                "{\"model\":\"sim-embed\",\"input\":\"x\",\"dimensions\":8,\"encoding_format\":\"base64\"}").body());
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64.at("/data/0/embedding").asText()))
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] decoded = new float[8];
        for (int i = 0; i < 8; i++) {
            decoded[i] = bytes.getFloat();
        }
        assertThat(bytes.remaining()).isZero();
        assertThat(decoded).isEqualTo(floats(floats.at("/data/0/embedding")));
    }

    @Test
    void tokenIdsAreEmbeddedAndCountedOneTokenEach() throws Exception {
        JsonNode reply = json.readTree(post("/embeddings", "{\"model\":\"sim-embed\",\"input\":[[1,2,3],[4]]}").body());
        assertThat(reply.path("data")).hasSize(2);
        assertThat(reply.at("/usage/prompt_tokens").asLong()).isEqualTo(4);
    }

    @Test
    void embeddingsRefuseAnotherModelAndBadInput() throws Exception {
        assertThat(post("/embeddings", "{\"model\":\"sim-echo\",\"input\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(post("/embeddings", "{\"model\":\"sim-embed\",\"input\":[]}").statusCode()).isEqualTo(400);
        assertThat(post("/embeddings", "{\"model\":\"sim-embed\",\"input\":\"x\",\"dimensions\":0}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void legacyCompletionsEchoEachPromptWithinTheCapCountedByTheSameRule() throws Exception {
        JsonNode reply = json.readTree(post("/completions", "{\"model\":\"sim-echo\",\"prompt\":[\"héllo wörld\",\"ok\"],"
                + "\"max_tokens\":2}").body());
        assertThat(reply.path("object").asText()).isEqualTo("text_completion");
        assertThat(reply.at("/choices/0/text").asText()).isEqualTo("héllo w");
        assertThat(reply.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(reply.at("/choices/1/text").asText()).isEqualTo("ok");
        assertThat(reply.at("/choices/1/index").asInt()).isEqualTo(1);
        assertThat(reply.at("/usage/prompt_tokens").asLong())
                .isEqualTo(Simulator.tokens("héllo wörld") + Simulator.tokens("ok"));
        assertThat(reply.at("/usage/completion_tokens").asLong()).isEqualTo(2 + 1);

        JsonNode echoed = json.readTree(post("/completions", "{\"model\":\"sim-echo\",\"prompt\":\"abc\",\"echo\":true}")
                .body());
        assertThat(echoed.at("/choices/0/text").asText()).isEqualTo("abcabc");
        assertThat(echoed.at("/usage/completion_tokens").asLong()).isEqualTo(1);
    }

    @Test
    void legacyCompletionsStreamTextCompletionChunksThenUsageThenDone() throws Exception {
        String body = post("/completions", "{\"model\":\"sim-echo\",\"prompt\":\"a longer prompt to cut in pieces\","
                + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}").body();
        List<JsonNode> events = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                JsonNode chunk = json.readTree(line.substring(6));
                events.add(chunk);
                chunk.path("choices").forEach(c -> text.append(c.path("text").asText()));
            }
        }
        assertThat(body.strip()).endsWith("data: [DONE]");
        assertThat(events).allSatisfy(e -> assertThat(e.path("object").asText()).isEqualTo("text_completion"));
        assertThat(text.toString()).isEqualTo("a longer prompt to cut in pieces");
        JsonNode usage = events.get(events.size() - 1);
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.at("/usage/total_tokens").asLong()).isEqualTo(2 * Simulator.tokens("a longer prompt to cut in pieces"));
        assertThat(events.get(events.size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void legacyCompletionsRefuseChatOnlyInputAndOtherModels() throws Exception {
        assertThat(post("/completions", "{\"model\":\"sim-embed\",\"prompt\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(post("/completions", "{\"model\":\"sim-echo\",\"messages\":[]}").statusCode()).isEqualTo(400);
    }
}
