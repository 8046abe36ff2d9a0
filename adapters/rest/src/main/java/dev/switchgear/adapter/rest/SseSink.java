package dev.switchgear.adapter.rest;

import dev.switchgear.application.port.in.completion.ChunkSink;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.application.port.in.completion.ClientGoneException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes OpenAI chunks to the caller as Server-Sent Events, flushing each at once. The response is
 * started by the first chunk; a write that fails means the caller is gone.
 */
final class SseSink implements ChunkSink {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpServletResponse response;
    private ServletOutputStream out;

    SseSink(HttpServletResponse response) {
        this.response = response;
    }

    boolean started() {
        return out != null;
    }

    /** Names the request in the response's headers before its first chunk (ADR 0014). */
    @Override
    public void admitted(RequestId requestId) {
        if (out == null && !response.isCommitted()) {
            response.setHeader(ChatCompletionsController.REQUEST_ID_HEADER, requestId.value());
        }
    }

    /** Marks the stream as the kept answer of an earlier request with the same id. */
    @Override
    public void replaying() {
        if (out == null && !response.isCommitted()) {
            response.setHeader(ChatCompletionsController.REPLAYED_HEADER, "true");
        }
    }

    @Override
    public void chunk(byte[] chunkJson) {
        try {
            start();
            out.write(DATA);
            out.write(chunkJson);
            out.write(END);
            out.flush();
        } catch (IOException e) {
            throw new ClientGoneException();
        }
    }

    void done() {
        try {
            start();
            out.write(DONE);
            out.flush();
        } catch (IOException e) {
            // the caller left after the last chunk: nothing more to tell it
        }
    }

    /** Ends the stream with an error event in OpenAI's error shape (what its SDKs raise as an API error). */
    void error(String message, String type, String code) {
        try {
            start();
            out.write(DATA);
            out.write(("{\"error\":{\"message\":" + quote(message) + ",\"type\":" + quote(type) + ",\"param\":null,"
                    + "\"code\":" + quote(code) + "}}").getBytes(StandardCharsets.UTF_8));
            out.write(END);
            out.flush();
        } catch (IOException e) {
            // the caller is gone; the charge is already recorded
        }
    }

    private void start() throws IOException {
        if (out == null) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no");
            out = response.getOutputStream();
        }
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
