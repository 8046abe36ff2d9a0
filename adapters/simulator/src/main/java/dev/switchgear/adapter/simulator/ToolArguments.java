package dev.switchgear.adapter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Arguments that fit a JSON schema, deterministically: an object's required properties filled
 * (all of them when it names none), each by its schema — {@code const} or the first of an
 * {@code enum}, else by type: {@code "example"}, the minimum or 1, {@code true}, one item for an
 * array that needs one (else none), {@code null}.
 */
final class ToolArguments {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ToolArguments() {
    }

    static JsonNode forSchema(JsonNode schema) {
        JsonNode value = valueFor(schema, 0);
        return value.isObject() ? value : MAPPER.createObjectNode();
    }

    private static JsonNode valueFor(JsonNode schema, int depth) {
        if (depth > 8) {
            return MAPPER.nullNode();
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0);
        }
        for (String union : new String[] {"anyOf", "oneOf", "allOf"}) {
            if (schema.path(union).isArray() && !schema.path(union).isEmpty()) {
                return valueFor(schema.path(union).get(0), depth + 1);
            }
        }
        JsonNode type = schema.path("type");
        String kind = type.isArray() && !type.isEmpty() ? type.get(0).asText() : type.asText("object");
        return switch (kind) {
            case "string" -> MAPPER.getNodeFactory().textNode("example");
            case "integer" -> MAPPER.getNodeFactory().numberNode(schema.path("minimum").canConvertToLong()
                    && schema.path("minimum").asLong() > 1 ? schema.path("minimum").asLong() : 1L);
            case "number" -> MAPPER.getNodeFactory().numberNode(schema.path("minimum").isNumber()
                    && schema.path("minimum").asDouble() > 1 ? schema.path("minimum").asDouble() : 1.0);
            case "boolean" -> MAPPER.getNodeFactory().booleanNode(true);
            case "null" -> MAPPER.nullNode();
            case "array" -> {
                ArrayNode array = MAPPER.createArrayNode();
                for (long i = 0; i < Math.min(schema.path("minItems").asLong(0), 8); i++) {
                    array.add(valueFor(schema.path("items"), depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = MAPPER.createObjectNode();
                JsonNode properties = schema.path("properties");
                JsonNode required = schema.path("required");
                if (required.isArray() && !required.isEmpty()) {
                    for (JsonNode property : required) {
                        object.set(property.asText(), valueFor(properties.path(property.asText()), depth + 1));
                    }
                } else {
                    properties.fields().forEachRemaining(p -> object.set(p.getKey(), valueFor(p.getValue(), depth + 1)));
                }
                yield object;
            }
        };
    }
}
