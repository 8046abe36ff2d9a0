package dev.switchgear.adapter.wire.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.WireFormatException;
import dev.switchgear.adapter.wire.openai.OpenAiEmbeddings;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Cohere's Embed API v2 ({@code POST /v2/embed}) and OpenAI's embeddings format. The OpenAI request's
 * texts become {@code texts}, {@code dimensions} becomes {@code output_dimension}, and the vectors
 * are always asked for as floats ({@code embedding_types: ["float"]}) and encoded afterwards as the
 * caller asked. Cohere requires an {@code input_type} for its v3 and later models, which OpenAI's
 * format has no field for: the caller may send Cohere's own {@code input_type} in the OpenAI body,
 * else {@code search_document} is sent. Token ids cannot be sent to Cohere (it takes text only).
 * The usage is Cohere's billed input tokens.
 */
public final class CohereEmbedCodec {

    /** Cohere's documented input types. */
    public static final Set<String> INPUT_TYPES = Set.of("search_document", "search_query", "classification",
            "clustering");
    public static final String DEFAULT_INPUT_TYPE = "search_document";
    /** Cohere's limit on the texts of one call. */
    public static final int MAX_TEXTS = 96;

    private final ObjectMapper json;

    public CohereEmbedCodec(ObjectMapper json) {
        this.json = json;
    }

    /** The Cohere v2 embed request for an OpenAI embeddings request. */
    public ObjectNode toCohereRequest(JsonNode openAi, String model) {
        OpenAiEmbeddings.Request request = OpenAiEmbeddings.read(openAi);
        if (request.isTokens()) {
            throw new WireFormatException("this provider embeds text only, not token ids", "input");
        }
        if (request.texts().size() > MAX_TEXTS) {
            throw new WireFormatException("this provider embeds at most " + MAX_TEXTS + " texts a request", "input");
        }
        String inputType = openAi.path("input_type").asText(DEFAULT_INPUT_TYPE);
        if (!INPUT_TYPES.contains(inputType)) {
            throw new WireFormatException("`input_type` is one of " + String.join(", ", INPUT_TYPES.stream().sorted()
                    .toList()), "input_type");
        }
        ObjectNode cohere = json.createObjectNode();
        cohere.put("model", model);
        ArrayNode texts = cohere.putArray("texts");
        request.texts().forEach(texts::add);
        cohere.put("input_type", inputType);
        cohere.putArray("embedding_types").add("float");
        request.dimensions().ifPresent(d -> cohere.put("output_dimension", d));
        return cohere;
    }

    /** Whether an answer is Cohere's embed response with float vectors. */
    public boolean isEmbedResponse(JsonNode answer) {
        return answer != null && answer.path("embeddings").path("float").isArray();
    }

    /** The vectors of Cohere's embed response, in input order. */
    public List<float[]> vectors(JsonNode answer) {
        List<float[]> vectors = new ArrayList<>();
        for (JsonNode values : answer.path("embeddings").path("float")) {
            vectors.add(OpenAiEmbeddings.vector(values));
        }
        return vectors;
    }

    /** The input tokens Cohere billed ({@code meta.billed_units.input_tokens}), if it said. */
    public static OptionalLong billedInputTokens(JsonNode answer) {
        JsonNode tokens = answer.path("meta").path("billed_units").path("input_tokens");
        return tokens.canConvertToLong() ? OptionalLong.of(tokens.asLong()) : OptionalLong.empty();
    }
}
