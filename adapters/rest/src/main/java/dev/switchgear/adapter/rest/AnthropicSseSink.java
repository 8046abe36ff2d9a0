package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.adapter.wire.anthropic.AnthropicEventEncoder;
import dev.switchgear.application.port.in.completion.ChunkSink;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.application.port.in.completion.ClientGoneException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the gateway's OpenAI chunks to a {@code /v1/messages} caller as Anthropic's stream events
 * (made by the wire module's {@link AnthropicEventEncoder}), flushing each at once; the message
 * ends with {@code message_delta} and {@code message_stop} once the charge is durable. Nothing is
 * written before the first chunk; a write that fails means the caller is gone.
 */
final class AnthropicSseSink implements ChunkSink {

    private final HttpServletResponse response;
    private final ObjectMapper json;
    private final AnthropicEventEncoder encoder;
    private ServletOutputStream out;

    AnthropicSseSink(HttpServletResponse response, ObjectMapper json, AnthropicEventEncoder encoder) {
        this.response = response;
        this.json = json;
        this.encoder = encoder;
    }

    boolean started() {
        return out != null;
    }

    @Override
    public void admitted(RequestId requestId) {
        if (out == null && !response.isCommitted()) {
            response.setHeader(ChatCompletionsController.REQUEST_ID_HEADER, requestId.value());
        }
    }

    @Override
    public void replaying() {
        if (out == null && !response.isCommitted()) {
            response.setHeader(ChatCompletionsController.REPLAYED_HEADER, "true");
        }
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
            if (out == null) {
                response.setStatus(HttpServletResponse.SC_OK);
                response.setContentType("text/event-stream");
                response.setCharacterEncoding("UTF-8");
                response.setHeader("Cache-Control", "no-cache");
                out = response.getOutputStream();
            }
            out.write(("event: " + event.name() + "\ndata: ").getBytes(StandardCharsets.UTF_8));
            out.write(json.writeValueAsBytes(event.data()));
            out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }
}
