package dev.switchgear.adapter.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchgear.application.contract.CompletionProviderContract;
import dev.switchgear.application.port.out.completion.CompletionProvider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@link CompletionProviderContract} for one real provider family, in front of WireMock speaking
 * that vendor's documented wire format: a subclass writes the vendor's answers, streams and error
 * bodies; this class turns each {@link Upstream} behaviour into stubs (faults, delays, a connection
 * cut short) and picks the deadlines. No deadline here can be missed by a slow machine: the calls
 * that are not about time get half a minute, and where a case is about a timeout, the stub stays
 * silent many times longer than that timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StubbedUpstreamContract extends CompletionProviderContract {

    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final UpstreamTimeouts PATIENT = new UpstreamTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofSeconds(60));
    /** For the first-byte case: the stub stays silent 20 times as long. */
    private static final UpstreamTimeouts FIRST_BYTE_OF_A_SECOND = new UpstreamTimeouts(Duration.ofSeconds(10),
            Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60));
    /** For the idle case: the stub's second piece comes 4 times as late. */
    private static final UpstreamTimeouts IDLE_OF_A_SECOND = new UpstreamTimeouts(Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60));
    private static final int SILENCE_MILLIS = 20_000;
    private static final int DRIBBLE_MILLIS = 8_000;

    protected final WireMockServer upstream = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final UpstreamWatchdog watchdog = new UpstreamWatchdog();
    private CloseableHttpClient client;

    /** The provider under test, calling {@code baseUrl} with these deadlines. */
    protected abstract CompletionProvider provider(URI baseUrl, UpstreamTimeouts timeouts, CloseableHttpClient client,
                                                   UpstreamWatchdog watchdog);

    /** The path a plain (false) or streamed (true) call is posted to. */
    protected abstract String path(boolean stream);

    /** The vendor's whole answer with {@link #TEXT} and {@link #USAGE}. */
    protected abstract String textAnswer();

    /** The vendor's whole answer with one call of {@link #TOOL} and {@link #USAGE}. */
    protected abstract String toolCallAnswer();

    /** The vendor's stream events up to and including {@link #FIRST_PIECE}, each complete. */
    protected abstract String streamHead();

    /** The rest of the text stream: {@link #SECOND_PIECE}, the end, and {@link #USAGE} if {@code withUsage}. */
    protected abstract String streamTail(boolean withUsage);

    /** The vendor's stream of one call of {@link #TOOL}, arguments in pieces where the vendor splits them. */
    protected abstract String toolCallStream();

    /** The vendor's error body for a status. */
    protected abstract String errorBody(int status, String message);

    /** The names of the tools in the vendor's request. */
    protected abstract List<String> toolNames(JsonNode vendorRequest);

    @BeforeAll
    void startUpstream() {
        upstream.start();
        client = UpstreamHttpClients.create(PATIENT, 8);
    }

    @AfterAll
    void stopUpstream() throws Exception {
        client.close();
        watchdog.close();
        upstream.stop();
    }

    @BeforeEach
    void resetUpstream() {
        upstream.resetAll();
    }

    @Override
    protected final CompletionProvider given(Upstream behaviour) {
        UpstreamTimeouts timeouts = PATIENT;
        switch (behaviour) {
            case ANSWERS_TEXT -> answer(false, json(200, textAnswer()));
            case ANSWERS_TOOL_CALL -> answer(false, json(200, toolCallAnswer()));
            case STREAMS_TEXT -> answer(true, sse(streamHead() + streamTail(true)));
            case STREAMS_TOOL_CALL -> answer(true, sse(toolCallStream()));
            case STREAMS_TEXT_WITHOUT_USAGE -> answer(true, sse(streamHead() + streamTail(false)));
            case BREAKS_THE_STREAM_AFTER_THE_FIRST_PIECE -> {
                // the head arrives whole, then the connection closes well short of the length it announced
                String head = streamHead();
                answer(true, sse(head).withHeader("Content-Length",
                        String.valueOf(head.getBytes(StandardCharsets.UTF_8).length + 4_096)));
            }
            case GOES_QUIET_AFTER_THE_FIRST_PIECE -> {
                timeouts = IDLE_OF_A_SECOND;
                answer(true, sse(quietAfterHead()).withChunkedDribbleDelay(2, DRIBBLE_MILLIS));
            }
            case RATE_LIMITS -> both(json(429, errorBody(429, "slow down")).withHeader("Retry-After",
                    String.valueOf(RETRY_AFTER.toSeconds())));
            case FAILS_WITH_503 -> both(json(503, errorBody(503, "overloaded")));
            case RESETS_THE_CONNECTION -> both(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
            case NEVER_ANSWERS -> {
                timeouts = FIRST_BYTE_OF_A_SECOND;
                both(json(200, textAnswer()).withFixedDelay(SILENCE_MILLIS));
            }
            default -> throw new IllegalArgumentException("no stub for " + behaviour);
        }
        return provider(URI.create(upstream.baseUrl()), timeouts, client, watchdog);
    }

    @Override
    protected final List<String> toolsOfferedUpstream() {
        List<LoggedRequest> requests = upstream.findAll(RequestPatternBuilder.allRequests());
        return toolNames(read(requests.get(requests.size() - 1).getBody()));
    }

    /**
     * The head, then an SSE comment long enough that WireMock's two dribbled pieces split inside it
     * (the first piece ends mid-comment, so nothing after the head is read), then the tail.
     */
    private String quietAfterHead() {
        String head = streamHead();
        String tail = streamTail(true);
        String padding = "x".repeat(head.length() + tail.length() + 64);
        return head + ":" + padding + "\n\n" + tail;
    }

    private void answer(boolean stream, ResponseDefinitionBuilder response) {
        upstream.stubFor(post(urlEqualTo(path(stream))).willReturn(response));
    }

    private void both(ResponseDefinitionBuilder response) {
        answer(false, response);
        if (!path(true).equals(path(false))) {
            answer(true, response);
        }
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    /** {@code text} as a JSON string literal's content. */
    protected static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
