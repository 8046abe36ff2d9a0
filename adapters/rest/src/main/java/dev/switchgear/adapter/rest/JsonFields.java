package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Reading one field of a JSON request strictly: a string is not a boolean, a fraction is not an
 * integer, a number outside the field's bounds is refused before any arithmetic, and every refusal
 * is a {@link BadRequestException} naming the field. Absent and {@code null} are the same (empty).
 * Also the ids of a path, with the same 400s everywhere.
 */
final class JsonFields {

    /** The most credits any amount may state: 10^12 credits, well inside a long of micro-credits. */
    static final BigDecimal MAX_CREDITS = BigDecimal.TEN.pow(12);
    private static final int MAX_DECIMAL_TEXT = 40;

    private JsonFields() {
    }

    static boolean present(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value != null && !value.isNull();
    }

    static Optional<Boolean> bool(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw new BadRequestException("`" + field + "` must be true or false", field);
        }
        return Optional.of(value.booleanValue());
    }

    /** A whole JSON number in {@code [min, max]}; {@code 1.5}, {@code "3"} and {@code 1e3} are refused. */
    static Optional<Long> integer(JsonNode root, String field, long min, long max) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(integerValue(value, field, min, max));
    }

    static long requiredInteger(JsonNode root, String field, long min, long max) {
        return integer(root, field, min, max).orElseThrow(() -> new BadRequestException(
                "`" + field + "` is required: a whole number from " + min + " to " + max, field));
    }

    static long integerValue(JsonNode value, String field, long min, long max) {
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min
                || value.longValue() > max) {
            throw new BadRequestException("`" + field + "` must be a whole number from " + min + " to " + max, field);
        }
        return value.longValue();
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

    /** A required whole-number field that fits a long; {@code 1.5} and {@code "3"} are refused. */
    static long number(JsonNode node, String field) {
        return requiredInteger(node, field, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A required whole-number field that fits an int. */
    static int intNumber(JsonNode node, String field) {
        return (int) requiredInteger(node, field, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** An array of strings; absent or null is empty; anything else is a 400. */
    static java.util.List<String> strings(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return java.util.List.of();
        }
        if (!value.isArray()) {
            throw new BadRequestException("`" + field + "` must be an array of strings", field);
        }
        java.util.List<String> strings = new java.util.ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw new BadRequestException("`" + field + "` must be an array of strings", field);
            }
            strings.add(element.textValue());
        }
        return strings;
    }

    /** An account id from a path. */
    static AccountId account(String raw) {
        try {
            return new AccountId(raw);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("not an account id", null);
        }
    }

    static Optional<String> text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new BadRequestException("`" + field + "` must be a string", field);
        }
        return Optional.of(value.textValue());
    }

    /**
     * An amount of credits, as a JSON number or a decimal string ("12.5"), at most six decimal
     * places and at most {@link #MAX_CREDITS} in size either way (whether a negative amount makes
     * sense is the domain's to say).
     */
    static MicroCredits credits(JsonNode value, String field) {
        BigDecimal amount;
        if (value != null && value.isNumber()) {
            amount = value.isFloatingPointNumber() && !value.isBigDecimal()
                    ? finite(value.doubleValue(), field) : value.decimalValue();
        } else if (value != null && value.isTextual()) {
            String raw = value.textValue().strip();
            if (raw.isEmpty() || raw.length() > MAX_DECIMAL_TEXT) {
                throw notCredits(field);
            }
            try {
                amount = new BigDecimal(raw);
            } catch (NumberFormatException e) {
                throw notCredits(field);
            }
        } else {
            throw notCredits(field);
        }
        if (amount.abs().compareTo(MAX_CREDITS) > 0) {
            throw new BadRequestException("`" + field + "` is at most " + MAX_CREDITS.toPlainString() + " credits",
                    field);
        }
        if (amount.stripTrailingZeros().scale() > 6) {
            throw new BadRequestException("`" + field + "` has at most six decimal places", field);
        }
        return MicroCredits.ofCredits(amount);
    }

    private static BigDecimal finite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw notCredits(field);
        }
        return BigDecimal.valueOf(value);
    }

    private static BadRequestException notCredits(String field) {
        return new BadRequestException("`" + field + "` must be a decimal number of credits", field);
    }
}
