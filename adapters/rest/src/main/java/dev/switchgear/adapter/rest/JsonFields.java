package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchgear.domain.shared.AccountId;

/** Reading single fields of a JSON request body and ids of a path, with the same 400s everywhere. */
final class JsonFields {

    private JsonFields() {
    }

    /** A string field; blank counts as absent. Absent and required, or not a string: 400. */
    static String text(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            if (required) {
                throw new BadRequestException("`" + field + "` is required", field);
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new BadRequestException("`" + field + "` must be a string", field);
        }
        return value.asText();
    }

    /** A required whole-number field. */
    static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new BadRequestException("`" + field + "` must be a whole number", field);
        }
        return value.asLong();
    }

    /** An account id from a path. */
    static AccountId account(String raw) {
        try {
            return new AccountId(raw);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("not an account id", null);
        }
    }
}
