package dev.switchgear.adapter.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What a response says about itself besides its output: its id ({@code resp_...}), when it was
 * created (epoch seconds), and the request it answers, whose settings it echoes (instructions,
 * tools, tool choice, text format, output cap, sampling, metadata, {@code store},
 * {@code previous_response_id}) as OpenAI's response object does.
 */
public record ResponseFrame(String id, long createdAt, JsonNode request) {

    public ResponseFrame {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(request, "request");
        if (!id.startsWith(ResponsesCodec.ID_PREFIX)) {
            throw new IllegalArgumentException("a response id starts with " + ResponsesCodec.ID_PREFIX);
        }
    }

    /** Whether the caller asked for the response to be stored (OpenAI's default: yes). */
    public boolean store() {
        return request.path("store").asBoolean(true);
    }

    /** The part of the id after {@code resp_}, shared by the ids of the response's output items. */
    String suffix() {
        return id.substring(ResponsesCodec.ID_PREFIX.length());
    }
}
