package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.adapter.wire.anthropic.AnthropicEventEncoder;
import dev.switchgear.application.port.in.completion.ClientGoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * Writes the gateway's OpenAI chunks to a {@code /v1/messages} caller as Anthropic's stream events
 * (made by the wire module's {@link AnthropicEventEncoder}), flushing each at once; the message
 * ends with {@code message_delta} and {@code message_stop} once the charge is durable. Nothing is
 * written before the first chunk; a write that fails means the caller is gone.
 */
final class AnthropicSseSink extends EventStreamResponse {

    private final ObjectMapper json;
    private final AnthropicEventEncoder encoder;

    AnthropicSseSink(HttpServletResponse response, ObjectMapper json, AnthropicEventEncoder encoder) {
        super(response);
        this.json = json;
        this.encoder = encoder;
    }

    @Override
    public void chunk(byte[] chunkJson) {
        try {
            write(encoder.chunk(json.readTree(chunkJson)));
        } catch (IOException e) {
            throw new ClientGoneException();
        }
    }

    /** Closes the message: the last block, the stop reason and usage, then message_stop. */
    void done() {
        try {
            write(encoder.done());
        } catch (IOException e) {
            // the caller left after the last chunk
        }
    }

    void error(String message) {
        try {
            write(encoder.error(message));
        } catch (IOException e) {
            // the caller is gone; the charge is already recorded
        }
    }

    private void write(List<AnthropicEventEncoder.Event> events) throws IOException {
        for (AnthropicEventEncoder.Event event : events) {
            event(event.name(), json.writeValueAsBytes(event.data()));
        }
    }
}
