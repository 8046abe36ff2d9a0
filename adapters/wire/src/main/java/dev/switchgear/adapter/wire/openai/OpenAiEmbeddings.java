package dev.switchgear.adapter.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.WireFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * OpenAI's embeddings API ({@code POST /v1/embeddings}), the internal format of every embeddings
 * call: the request read and checked ({@code input} as a string, an array of strings, an array of
 * token ids or an array of such arrays; {@code model}; {@code dimensions}; {@code encoding_format}
 * {@code float} or {@code base64}; {@code user}), and the response written
 * ({@code {object: "list", data: [{object: "embedding", index, embedding}], model, usage}}), a
 * base64 embedding being the vector's little-endian float32 bytes, as OpenAI sends it.
 */
public final class OpenAiEmbeddings {

    /** OpenAI's limit on the inputs of one request. */
    public static final int MAX_INPUTS = 2048;
    /** The largest {@code dimensions} accepted (no model has more). */
    public static final int MAX_DIMENSIONS = 65_536;

    private OpenAiEmbeddings() {
    }

    /**
     * An embeddings request as read: texts, or token arrays when the input was token ids (never
     * both), the dimensions asked for, whether the answer is to be base64, and the caller's user tag.
     */
    public record Request(String model, List<String> texts, List<int[]> tokens, Optional<Integer> dimensions,
                          boolean base64, Optional<String> user) {

        /** How many inputs the request has. */
        public int size() {
            return texts.isEmpty() ? tokens.size() : texts.size();
        }

        /** Whether the inputs are token ids rather than text. */
        public boolean isTokens() {
            return !tokens.isEmpty();
        }
    }

    /** Reads and checks an OpenAI embeddings request; anything malformed is a {@link WireFormatException}. */
    public static Request read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new WireFormatException("The request body must be a JSON object");
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw new WireFormatException("you must provide a model parameter", "model");
        }
        JsonNode input = body.get("input");
        List<String> texts = new ArrayList<>();
        List<int[]> tokens = new ArrayList<>();
        if (input == null || input.isNull()) {
            throw new WireFormatException("you must provide an `input`: a string, an array of strings, or token arrays",
                    "input");
        } else if (input.isTextual()) {
            texts.add(text(input, "input"));
        } else if (input.isArray()) {
            if (input.isEmpty()) {
                throw new WireFormatException("`input` cannot be an empty array", "input");
            }
            if (input.size() > MAX_INPUTS) {
                throw new WireFormatException("`input` may hold at most " + MAX_INPUTS + " items", "input");
            }
            JsonNode first = input.get(0);
            if (first.isTextual()) {
                for (int i = 0; i < input.size(); i++) {
                    if (!input.get(i).isTextual()) {
                        throw new WireFormatException("input[" + i + "] must be a string like the others", "input");
                    }
                    texts.add(text(input.get(i), "input[" + i + "]"));
                }
            } else if (first.isIntegralNumber()) {
                tokens.add(tokenArray(input, "input"));
            } else if (first.isArray()) {
                for (int i = 0; i < input.size(); i++) {
                    if (!input.get(i).isArray() || input.get(i).isEmpty()) {
                        throw new WireFormatException("input[" + i + "] must be a non-empty array of token ids", "input");
                    }
                    tokens.add(tokenArray(input.get(i), "input[" + i + "]"));
                }
            } else {
                throw new WireFormatException("`input` must be a string, an array of strings, or token arrays", "input");
            }
        } else {
            throw new WireFormatException("`input` must be a string, an array of strings, or token arrays", "input");
        }
        Optional<Integer> dimensions = Optional.empty();
        JsonNode dims = body.get("dimensions");
        if (dims != null && !dims.isNull()) {
            if (!dims.isIntegralNumber() || !dims.canConvertToInt() || dims.asInt() < 1 || dims.asInt() > MAX_DIMENSIONS) {
                throw new WireFormatException("`dimensions` must be an integer from 1 to " + MAX_DIMENSIONS, "dimensions");
            }
            dimensions = Optional.of(dims.asInt());
        }
        boolean base64 = false;
        JsonNode format = body.get("encoding_format");
        if (format != null && !format.isNull()) {
            String value = format.isTextual() ? format.asText().toLowerCase(Locale.ROOT) : "";
            if (!value.equals("float") && !value.equals("base64")) {
                throw new WireFormatException("`encoding_format` must be float or base64", "encoding_format");
            }
            base64 = value.equals("base64");
        }
        Optional<String> user = Optional.empty();
        JsonNode userNode = body.get("user");
        if (userNode != null && !userNode.isNull()) {
            if (!userNode.isTextual()) {
                throw new WireFormatException("`user` must be a string", "user");
            }
            user = Optional.of(userNode.asText());
        }
        return new Request(model.asText(), List.copyOf(texts), List.copyOf(tokens), dimensions, base64, user);
    }

    private static String text(JsonNode node, String where) {
        if (node.asText().isEmpty()) {
            throw new WireFormatException(where + " cannot be an empty string", "input");
        }
        return node.asText();
    }

    private static int[] tokenArray(JsonNode array, String where) {
        int[] ids = new int[array.size()];
        for (int i = 0; i < array.size(); i++) {
            JsonNode id = array.get(i);
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.asInt() < 0) {
                throw new WireFormatException(where + " must hold token ids (integers of 0 or more)", "input");
            }
            ids[i] = id.asInt();
        }
        return ids;
    }

    /** OpenAI's embeddings response for these vectors (in input order). */
    public static ObjectNode response(ObjectMapper json, List<float[]> vectors, String model, long promptTokens,
                                      boolean base64) {
        ObjectNode root = json.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (int i = 0; i < vectors.size(); i++) {
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            if (base64) {
                item.put("embedding", toBase64(vectors.get(i)));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float v : vectors.get(i)) {
                    values.add(v);
                }
            }
        }
        root.put("model", model);
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("total_tokens", promptTokens);
        return root;
    }

    /** The vectors of an OpenAI embeddings response, in input order (float arrays or base64 strings). */
    public static List<float[]> vectors(JsonNode response) {
        JsonNode data = response == null ? null : response.get("data");
        if (data == null || !data.isArray()) {
            throw new WireFormatException("an embeddings response has a `data` array");
        }
        float[][] ordered = new float[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            int index = item.path("index").canConvertToInt() ? item.path("index").asInt() : i;
            if (index < 0 || index >= ordered.length || ordered[index] != null) {
                throw new WireFormatException("an embeddings response has each index once");
            }
            ordered[index] = vector(item.get("embedding"));
        }
        return List.of(ordered);
    }

    /** A vector from JSON: an array of numbers, or OpenAI's base64 of little-endian float32. */
    public static float[] vector(JsonNode embedding) {
        if (embedding != null && embedding.isTextual()) {
            return fromBase64(embedding.asText());
        }
        if (embedding == null || !embedding.isArray()) {
            throw new WireFormatException("an embedding is an array of numbers or a base64 string");
        }
        float[] values = new float[embedding.size()];
        for (int i = 0; i < values.length; i++) {
            if (!embedding.get(i).isNumber()) {
                throw new WireFormatException("an embedding is an array of numbers");
            }
            values[i] = (float) embedding.get(i).asDouble();
        }
        return values;
    }

    /** OpenAI's base64 encoding of a vector: its float32 values, little-endian, in base64. */
    public static String toBase64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            bytes.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /** The vector of OpenAI's base64 encoding. */
    public static float[] fromBase64(String encoded) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("a base64 embedding is not valid base64");
        }
        if (raw.length % Float.BYTES != 0) {
            throw new WireFormatException("a base64 embedding is a whole number of float32 values");
        }
        ByteBuffer bytes = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[raw.length / Float.BYTES];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = bytes.getFloat();
        }
        return vector;
    }
}
