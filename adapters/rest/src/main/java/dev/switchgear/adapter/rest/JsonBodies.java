package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;

/**
 * Reading a request body that must be one JSON object, with the same 400s everywhere. The reader
 * is strict: numbers with a fraction or an exponent stay exact decimals (so {@code 1e999999999}
 * is a number too large for the field, not infinity), a repeated key or anything after the object
 * is refused. Bodies are read as trees, never bound to objects, so no Jackson coercion applies;
 * fields are then read with {@link JsonFields}, which never turns one JSON type into another.
 */
final class JsonBodies {

    private JsonBodies() {
    }

    /** The strict reader for one JSON tree, configured from the application's mapper. */
    static ObjectReader strictReader(ObjectMapper json) {
        return json.readerFor(JsonNode.class)
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    static JsonNode object(ObjectMapper json, byte[] body) {
        return object(strictReader(json), body);
    }

    static JsonNode object(ObjectReader reader, byte[] body) {
        if (body == null || body.length == 0) {
            throw new BadRequestException("The request body is empty; send a JSON object", null);
        }
        JsonNode root;
        try {
            root = reader.readTree(body);
        } catch (IOException e) {
            throw new BadRequestException("The request body is not valid JSON", null);
        }
        if (root == null || !root.isObject()) {
            throw new BadRequestException("The request body must be a JSON object", null);
        }
        return root;
    }
}
