package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reading a request body that must be one JSON object, with the same 400s everywhere. */
final class JsonBodies {

    private JsonBodies() {
    }

    static JsonNode object(ObjectMapper json, byte[] body) {
        if (body == null || body.length == 0) {
            throw new BadRequestException("The request body is empty; send a JSON object", null);
        }
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                throw new BadRequestException("The request body must be a JSON object", null);
            }
            return root;
        } catch (IOException e) {
            throw new BadRequestException("The request body is not valid JSON", null);
        }
    }
}
