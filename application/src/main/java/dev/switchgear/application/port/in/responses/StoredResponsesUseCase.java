package dev.switchgear.application.port.in.responses;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.responses.StoredResponse;
import java.util.Optional;

/**
 * The Responses API's stored responses (ADR 0021): kept per account for the configured retention,
 * read, deleted, and continued with {@code previous_response_id}. A caller sees only its own
 * account's responses; the admin key has none.
 */
public interface StoredResponsesUseCase {

    /**
     * Keeps a response for the caller's account: its id, the model that answered, the conversation's
     * input items up to this turn and the response object (JSON text). Kept again under the same id
     * (a retried request): the first stays.
     */
    StoredResponse keep(Caller caller, String id, String model, String input, String response);

    /** The caller's stored response with this id, unless it is unknown, another account's, or expired. */
    Optional<StoredResponse> find(Caller caller, String id);

    /** Deletes the caller's stored response with this id; false when it had none. */
    boolean delete(Caller caller, String id);
}
