package dev.switchgear.adapter.rest;

import dev.switchgear.application.port.in.completion.ChunkSink;
import dev.switchgear.application.port.in.completion.RateLimitStatus;
import dev.switchgear.domain.shared.RequestId;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What both streaming routes share: a Server-Sent Events response, started (status, content type,
 * no caching) by its first write, and the headers that can still be set before it — the request's
 * id, whether the stream is a kept answer replayed (ADR 0014), and the rate limits (ADR 0017).
 */
abstract class EventStreamResponse implements ChunkSink {

    private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpServletResponse response;
    private ServletOutputStream out;

    EventStreamResponse(HttpServletResponse response) {
        this.response = response;
    }

    final boolean started() {
        return out != null;
    }

    @Override
    public final void admitted(RequestId requestId) {
        header(ChatCompletionsController.REQUEST_ID_HEADER, requestId.value());
    }

    @Override
    public final void rateLimits(RateLimitStatus limits) {
        if (out == null) {
            RateLimitHeaders.write(response, limits);
        }
    }

    @Override
    public final void replaying() {
        header(ChatCompletionsController.REPLAYED_HEADER, "true");
    }

    /** The response's body, starting the response at the first call. */
    final ServletOutputStream out() throws IOException {
        if (out == null) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no");
            out = response.getOutputStream();
        }
        return out;
    }

    /** One named event ({@code event:} and {@code data:} lines), flushed to the caller at once. */
    final void event(String name, byte[] data) throws IOException {
        ServletOutputStream body = out();
        body.write(("event: " + name + "\ndata: ").getBytes(StandardCharsets.UTF_8));
        body.write(data);
        body.write(EVENT_END);
        body.flush();
    }

    private void header(String name, String value) {
        if (out == null && !response.isCommitted()) {
            response.setHeader(name, value);
        }
    }
}
