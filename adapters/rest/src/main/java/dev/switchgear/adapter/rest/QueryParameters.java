package dev.switchgear.adapter.rest;

/**
 * Whole numbers read from a query string. A query parameter is taken as text and read here rather
 * than bound to an {@code int} by Spring: Spring's number conversion trims control characters, so a
 * value like {@code %00} becomes "absent" after a default was already declined, and a primitive
 * parameter then fails at invocation as a server error instead of a refusal.
 */
final class QueryParameters {

    private QueryParameters() {
    }

    /** {@code raw} as a whole number from {@code min} to {@code max}, or a 400 naming {@code name}. */
    static int whole(String raw, String name, int min, int max) {
        return (int) whole(raw, name, (long) min, max);
    }

    /** {@code raw} as a whole number from {@code min} to {@code max}, or a 400 naming {@code name}. */
    static long whole(String raw, String name, long min, long max) {
        try {
            long value = Long.parseLong(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new BadRequestException("`" + name + "` must be a whole number from " + min + " to " + max, name);
    }
}
