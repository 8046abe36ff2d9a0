package dev.switchgear.adapter.simulator;

import static dev.switchgear.adapter.simulator.SimulatedText.tokenIds;
import static dev.switchgear.adapter.simulator.SimulatedText.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code POST /v1/embeddings} of {@code sim-embed}: a deterministic unit vector per input
 * ({@link SimulatedEmbeddings}; {@code dimensions} respected; {@code encoding_format} float or
 * base64), the input counted by the simulator's rule.
 */
final class Embeddings implements HttpHandler {

    private final SimulatorExchange http;

    Embeddings(SimulatorExchange http) {
        this.http = http;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = http.postedFor(exchange, Simulator.EMBEDDING_MODEL);
            if (request == null) {
                return;
            }
            JsonNode dims = request.get("dimensions");
            int dimensions = SimulatedEmbeddings.DEFAULT_DIMENSIONS;
            if (dims != null && !dims.isNull()) {
                if (!dims.canConvertToInt() || dims.asInt() < 1 || dims.asInt() > SimulatedEmbeddings.MAX_DIMENSIONS) {
                    http.error(exchange, 400, "invalid_request_error", null, "`dimensions` must be 1 to "
                            + SimulatedEmbeddings.MAX_DIMENSIONS);
                    return;
                }
                dimensions = dims.asInt();
            }
            JsonNode input = request.get("input");
            List<float[]> vectors = new ArrayList<>();
            long promptTokens = 0;
            if (input != null && input.isTextual()) {
                vectors.add(SimulatedEmbeddings.of(input.asText(), dimensions));
                promptTokens += tokens(input.asText());
            } else if (input != null && input.isArray() && !input.isEmpty() && input.get(0).isIntegralNumber()) {
                vectors.add(SimulatedEmbeddings.of(tokenIds(input), dimensions));
                promptTokens += input.size();
            } else if (input != null && input.isArray() && !input.isEmpty()) {
                for (JsonNode item : input) {
                    if (item.isTextual()) {
                        vectors.add(SimulatedEmbeddings.of(item.asText(), dimensions));
                        promptTokens += tokens(item.asText());
                    } else if (item.isArray()) {
                        vectors.add(SimulatedEmbeddings.of(tokenIds(item), dimensions));
                        promptTokens += item.size();
                    } else {
                        http.error(exchange, 400, "invalid_request_error", null, "`input` holds strings or token arrays");
                        return;
                    }
                }
            } else {
                http.error(exchange, 400, "invalid_request_error", null, "`input` must be a string or a non-empty array");
                return;
            }
            if (http.faulted(exchange)) {
                return;
            }
            boolean base64 = "base64".equals(request.path("encoding_format").asText("float"));
            http.send(exchange, 200, answer(vectors, base64, promptTokens));
        }
    }

    private ObjectNode answer(List<float[]> vectors, boolean base64, long promptTokens) {
        ObjectNode answer = http.json().createObjectNode();
        answer.put("object", "list");
        ArrayNode data = answer.putArray("data");
        for (int i = 0; i < vectors.size(); i++) {
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            if (base64) {
                ByteBuffer bytes = ByteBuffer.allocate(vectors.get(i).length * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : vectors.get(i)) {
                    bytes.putFloat(v);
                }
                item.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float v : vectors.get(i)) {
                    values.add(v);
                }
            }
        }
        answer.put("model", Simulator.EMBEDDING_MODEL);
        ObjectNode usage = answer.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("total_tokens", promptTokens);
        return answer;
    }
}
