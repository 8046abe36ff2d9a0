package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.adapter.wire.responses.ResponsesEventEncoder;
import dev.switchgear.application.port.in.completion.ClientGoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * Writes the gateway's OpenAI chunks to a {@code /v1/responses} caller as the Responses API's
 * stream events (made by the wire module's {@link ResponsesEventEncoder}), flushing each at once;
 * the response ends with {@code response.completed} once the charge is durable (and the response
 * stored). Nothing is written before the first chunk; a write that fails means the caller is gone.
 */
final class ResponsesSseSink extends EventStreamResponse {

    private final ObjectMapper json;
    private final ResponsesEventEncoder encoder;
    private boolean gone;

    ResponsesSseSink(HttpServletResponse response, ObjectMapper json, ResponsesEventEncoder encoder) {
        super(response);
        this.json = json;
        this.encoder = encoder;
    }

    @Override
    public void chunk(byte[] chunkJson) {
        try {
            write(encoder.chunk(json.readTree(chunkJson)));
        } catch (IOException e) {
            gone = true;
            throw new ClientGoneException();
        }
    }

    /** Whether the caller left before the response was whole (it is then not stored). */
    boolean callerGone() {
        return gone;
    }

    /** Writes the closing events ({@code response.completed} or {@code .incomplete}). */
    void close(List<ResponsesEventEncoder.Event> closing) {
        try {
            write(closing);
        } catch (IOException e) {
            // the caller left after the last chunk
        }
    }

    /** Ends the stream with an {@code error} event and {@code response.failed}. */
    void error(String message, String code) {
        try {
            write(encoder.error(message, code));
        } catch (IOException e) {
            // the caller is gone; the charge is already recorded
        }
    }

    private void write(List<ResponsesEventEncoder.Event> events) throws IOException {
        for (ResponsesEventEncoder.Event event : events) {
            event(event.name(), json.writeValueAsBytes(event.data()));
        }
    }
}
