package dev.switchgear.adapter.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.WireFormatException;
import dev.switchgear.domain.shared.TokenUsage;
import java.io.IOException;

/** Small pieces of OpenAI's chat format that every vendor codec reads or writes. */
public final class ChatContent {

    private ChatContent() {
    }

    /**
     * The text of a message's {@code content}: the string itself, or the {@code text} of each part
     * joined; empty for null or missing content.
     */
    public static String text(JsonNode content) {
        if (content == null || content.isNull() || content.isMissingNode()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.has("text")) {
                text.append(part.path("text").asText(""));
            }
        }
        return text.toString();
    }

    /** Tool-call arguments (a JSON string) as an object; anything that is not an object is refused. */
    public static JsonNode argumentsOrReject(ObjectMapper json, String arguments) {
        try {
            JsonNode parsed = json.readTree(arguments.isBlank() ? "{}" : arguments);
            return parsed.isObject() ? parsed : json.createObjectNode();
        } catch (IOException e) {
            throw new WireFormatException("tool call arguments must be a JSON object");
        }
    }

    /** Tool-call arguments as an object, an empty one when they do not parse (for answers, which must not fail). */
    public static JsonNode argumentsOrEmpty(ObjectMapper json, String arguments) {
        try {
            JsonNode parsed = json.readTree(arguments.isBlank() ? "{}" : arguments);
            return parsed.isObject() ? parsed : json.createObjectNode();
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    /** OpenAI's {@code stop} (a string or an array) as a list of sequences under {@code field}. */
    public static void putStopSequences(JsonNode stop, ObjectNode into, String field) {
        if (stop != null && !stop.isNull()) {
            ArrayNode sequences = into.putArray(field);
            if (stop.isArray()) {
                stop.forEach(sequences::add);
            } else {
                sequences.add(stop.asText());
            }
        }
    }

    /** Copies {@code field} to {@code as} when it is set and not null. */
    public static void copy(JsonNode from, String field, ObjectNode to, String as) {
        if (from.hasNonNull(field)) {
            to.set(as, from.get(field));
        }
    }

    /** An OpenAI {@code usage} object, with its parts (see {@link OpenAiUsage}). */
    public static void putUsage(ObjectNode into, TokenUsage usage) {
        OpenAiUsage.put(into, usage);
    }
}
