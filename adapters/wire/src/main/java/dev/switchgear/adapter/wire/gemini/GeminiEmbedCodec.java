package dev.switchgear.adapter.wire.gemini;

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
 * Gemini's embeddings ({@code models/{model}:embedContent} for one text,
 * {@code models/{model}:batchEmbedContents} for several) and OpenAI's embeddings format: each text
 * becomes a {@code content} of one text part, {@code dimensions} becomes
 * {@code outputDimensionality}; the answer's {@code embedding.values} (or each of
 * {@code embeddings[].values}) become the vectors. Gemini's optional {@code taskType} may be sent in
 * the OpenAI body as {@code task_type}. Token ids cannot be sent (Gemini takes text only). Gemini
 * reports no usage for embeddings in its documented response, so the tokens are counted locally by
 * the caller of this codec when {@link #reportedTokens} is empty.
 */
public final class GeminiEmbedCodec {

    /** Gemini's documented task types. */
    public static final Set<String> TASK_TYPES = Set.of("RETRIEVAL_QUERY", "RETRIEVAL_DOCUMENT", "SEMANTIC_SIMILARITY",
            "CLASSIFICATION", "CLUSTERING", "QUESTION_ANSWERING", "FACT_VERIFICATION", "CODE_RETRIEVAL_QUERY");
    /** Gemini's limit on the requests of one batch. */
    public static final int MAX_BATCH = 100;

    private final ObjectMapper json;

    public GeminiEmbedCodec(ObjectMapper json) {
        this.json = json;
    }

    /** Whether this request goes to {@code batchEmbedContents} (more than one text). */
    public static boolean isBatch(JsonNode openAi) {
        return openAi.path("input").isArray() && openAi.path("input").size() > 1;
    }

    /** The texts of an OpenAI embeddings request that Gemini can take. */
    private static OpenAiEmbeddings.Request texts(JsonNode openAi) {
        OpenAiEmbeddings.Request request = OpenAiEmbeddings.read(openAi);
        if (request.isTokens()) {
            throw new WireFormatException("this provider embeds text only, not token ids", "input");
        }
        if (request.texts().size() > MAX_BATCH) {
            throw new WireFormatException("this provider embeds at most " + MAX_BATCH + " texts a request", "input");
        }
        return request;
    }

    /** The {@code embedContent} request for an OpenAI request of one text. */
    public ObjectNode toEmbedContentRequest(JsonNode openAi, String model) {
        OpenAiEmbeddings.Request request = texts(openAi);
        return one(openAi, request, request.texts().get(0), model, false);
    }

    /** The {@code batchEmbedContents} request for an OpenAI request of several texts. */
    public ObjectNode toBatchRequest(JsonNode openAi, String model) {
        OpenAiEmbeddings.Request request = texts(openAi);
        ObjectNode batch = json.createObjectNode();
        ArrayNode requests = batch.putArray("requests");
        for (String text : request.texts()) {
            requests.add(one(openAi, request, text, model, true));
        }
        return batch;
    }

    private ObjectNode one(JsonNode openAi, OpenAiEmbeddings.Request request, String text, String model,
                           boolean named) {
        ObjectNode one = json.createObjectNode();
        if (named) {
            one.put("model", "models/" + model);
        }
        one.putObject("content").putArray("parts").addObject().put("text", text);
        JsonNode taskType = openAi.get("task_type");
        if (taskType != null && !taskType.isNull()) {
            if (!taskType.isTextual() || !TASK_TYPES.contains(taskType.asText())) {
                throw new WireFormatException("`task_type` is one of " + String.join(", ",
                        TASK_TYPES.stream().sorted().toList()), "task_type");
            }
            one.put("taskType", taskType.asText());
        }
        request.dimensions().ifPresent(d -> one.put("outputDimensionality", d));
        return one;
    }

    /** The vectors of an {@code embedContent} or {@code batchEmbedContents} answer, or empty if it is neither. */
    public List<float[]> vectors(JsonNode answer) {
        List<float[]> vectors = new ArrayList<>();
        if (answer == null) {
            return vectors;
        }
        if (answer.path("embedding").path("values").isArray()) {
            vectors.add(OpenAiEmbeddings.vector(answer.path("embedding").path("values")));
        }
        for (JsonNode embedding : answer.path("embeddings")) {
            vectors.add(OpenAiEmbeddings.vector(embedding.path("values")));
        }
        return vectors;
    }

    /** Input tokens, if the answer reports them ({@code usageMetadata.promptTokenCount}). */
    public static OptionalLong reportedTokens(JsonNode answer) {
        JsonNode tokens = answer == null ? null : answer.path("usageMetadata").path("promptTokenCount");
        return tokens != null && tokens.canConvertToLong() ? OptionalLong.of(tokens.asLong()) : OptionalLong.empty();
    }
}
