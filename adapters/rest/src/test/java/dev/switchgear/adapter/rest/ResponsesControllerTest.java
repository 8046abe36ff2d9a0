package dev.switchgear.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.application.port.in.completion.ChatCompletion;
import dev.switchgear.application.port.in.completion.ChatRequest;
import dev.switchgear.application.port.in.completion.ChunkSink;
import dev.switchgear.application.port.in.completion.ClientGoneException;
import dev.switchgear.application.port.in.completion.CompleteChatUseCase;
import dev.switchgear.application.port.in.completion.StreamedCompletion;
import dev.switchgear.application.port.in.responses.StoredResponsesUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.responses.StoredResponse;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.TokenUsage;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The stream's endings that an end-to-end run cannot stage: a caller who leaves mid-stream (charged
 * for what was sent, nothing stored), an upstream that breaks off ({@code error} and
 * {@code response.failed}, nothing stored), and a store that fails after the charge (the stream
 * says so instead of claiming completion).
 */
class ResponsesControllerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Caller CALLER = Caller.withKey(AccountId.of(UUID.randomUUID()), "k1");
    private static final byte[] CHUNK = ("{\"id\":\"c\",\"model\":\"sim-echo\",\"choices\":[{\"index\":0,\"delta\":"
            + "{\"content\":\"Hello\"}}]}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] FINISH = ("{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":"
            + "\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}")
            .getBytes(StandardCharsets.UTF_8);

    private final List<StoredResponse> kept = new ArrayList<>();
    private boolean storeFails;

    private final StoredResponsesUseCase stored = new StoredResponsesUseCase() {
        @Override
        public StoredResponse keep(Caller caller, String id, String model, String input, String response) {
            if (storeFails) {
                throw new IllegalStateException("the database is gone");
            }
            Instant now = Instant.parse("2026-06-01T00:00:00Z");
            StoredResponse response1 = new StoredResponse(id, model, input, response, now, now.plusSeconds(60));
            kept.add(response1);
            return response1;
        }

        @Override
        public Optional<StoredResponse> find(Caller caller, String id) {
            return kept.stream().filter(r -> r.id().equals(id)).findFirst();
        }

        @Override
        public boolean delete(Caller caller, String id) {
            return kept.removeIf(r -> r.id().equals(id));
        }
    };

    /** A use case streaming the given chunks, then ending as {@code failure} says. */
    private static CompleteChatUseCase streaming(Optional<String> failure, byte[]... chunks) {
        return new CompleteChatUseCase() {
            @Override
            public ChatCompletion complete(Caller caller, ChatRequest request) {
                throw new AssertionError("only streams here");
            }

            @Override
            public StreamedCompletion stream(Caller caller, ChatRequest request, ChunkSink sink) {
                RequestId id = new RequestId("req-1");
                sink.admitted(id);
                for (byte[] chunk : chunks) {
                    try {
                        sink.chunk(chunk);
                    } catch (ClientGoneException gone) {
                        return new StreamedCompletion(id, new TokenUsage(5, 1), true, MicroCredits.of(10), Optional.empty());
                    }
                }
                return new StreamedCompletion(id, new TokenUsage(5, 2), false, MicroCredits.of(20), failure);
            }
        };
    }

    private ResponsesController controller(CompleteChatUseCase completions) {
        return new ResponsesController(completions, stored, JSON,
                Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));
    }

    private static byte[] body() {
        return "{\"model\":\"sim-echo\",\"input\":\"Hi\",\"stream\":true}".getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aWholeStreamEndsCompletedAndIsStored() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        controller(streaming(Optional.empty(), CHUNK, FINISH)).create(CALLER, null, null, null, null, body(), response);

        assertThat(response.getContentAsString()).contains("event: response.completed").doesNotContain("response.failed");
        assertThat(kept).singleElement().satisfies(r -> assertThat(r.response()).contains("\"status\":\"completed\""));
    }

    @Test
    void aCallerWhoLeavesMidStreamIsNotStored() throws Exception {
        MockHttpServletResponse leaving = new MockHttpServletResponse() {
            @Override
            public ServletOutputStream getOutputStream() {
                return new ServletOutputStream() {
                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(jakarta.servlet.WriteListener listener) {
                    }

                    @Override
                    public void write(int b) throws IOException {
                        throw new IOException("broken pipe");
                    }
                };
            }
        };
        controller(streaming(Optional.empty(), CHUNK, FINISH)).create(CALLER, null, null, null, null, body(), leaving);

        assertThat(kept).isEmpty();
    }

    @Test
    void anUpstreamThatBreaksOffEndsWithAnErrorAndAFailedResponseAndIsNotStored() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        controller(streaming(Optional.of("The provider broke off the stream"), CHUNK))
                .create(CALLER, null, null, null, null, body(), response);

        String events = response.getContentAsString();
        assertThat(events).contains("event: error", "upstream_stream_failed", "event: response.failed",
                "The provider broke off the stream").doesNotContain("response.completed");
        assertThat(kept).isEmpty();
    }

    @Test
    void aStoreThatFailsAfterTheChargeIsToldInTheStreamNotCalledCompleted() throws Exception {
        storeFails = true;
        MockHttpServletResponse response = new MockHttpServletResponse();
        controller(streaming(Optional.empty(), CHUNK, FINISH)).create(CALLER, null, null, null, null, body(), response);

        String events = response.getContentAsString();
        assertThat(events).contains("event: error", "response_not_stored").doesNotContain("response.completed")
                .doesNotContain("database");
    }
}
