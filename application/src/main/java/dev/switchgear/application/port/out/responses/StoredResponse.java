package dev.switchgear.application.port.out.responses;

import java.time.Instant;
import java.util.Objects;

/**
 * A response kept for its account (the Responses API's {@code store}, ADR 0021): its id
 * ({@code resp_...}), the model that answered, the conversation's input items up to this turn and
 * the response object as it was answered (both JSON text), when it was made and when it expires.
 * Prompts and outputs only: no key or credential is ever part of one.
 */
public record StoredResponse(String id, String model, String input, String response, Instant createdAt,
                             Instant expiresAt) {

    /** The longest id a response may have. */
    public static final int MAX_ID_LENGTH = 128;

    public StoredResponse {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!isId(id)) {
            throw new IllegalArgumentException("a response id is resp_ and up to " + MAX_ID_LENGTH + " characters");
        }
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a stored response expires after it is made");
        }
    }

    /** Whether {@code id} could name a response. */
    public static boolean isId(String id) {
        return id != null && id.startsWith("resp_") && id.length() > 5 && id.length() <= MAX_ID_LENGTH;
    }
}
