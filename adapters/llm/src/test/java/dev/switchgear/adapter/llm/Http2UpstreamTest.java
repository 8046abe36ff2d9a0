package dev.switchgear.adapter.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.switchgear.application.port.out.completion.StreamOutcome;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TrustAllStrategy;
import org.apache.hc.core5.ssl.SSLContextBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An upstream over TLS that offers HTTP/2: the provider speaks HTTP/2 to it (ALPN), plain and
 * streamed, with errors and deadlines working as over HTTP/1.1. The stand-in's certificate is
 * self-signed, so this test alone trusts it.
 */
class Http2UpstreamTest {

    private static final WireMockServer UPSTREAM = new WireMockServer(options().bindAddress("127.0.0.1")
            .httpDisabled(true).dynamicHttpsPort().http2TlsDisabled(false));
    private static final byte[] REQUEST = ("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"over h2\"}]}").getBytes(StandardCharsets.UTF_8);
    /** Deadlines the cases are not about: generous, as a cold TLS handshake on a busy machine can take seconds. */
    private static final UpstreamTimeouts TIMEOUTS = new UpstreamTimeouts(Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(60));
    /** For the deadline case: a one-second first byte, against a stub silent twenty times as long. */
    private static final UpstreamTimeouts FIRST_BYTE_OF_A_SECOND = new UpstreamTimeouts(Duration.ofSeconds(10),
            Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60));
    private static final int SILENCE_MILLIS = 20_000;
    private static final UpstreamWatchdog WATCHDOG = new UpstreamWatchdog();
    private static final CloseableHttpClient CLIENT;

    static {
        UPSTREAM.start();
        try {
            CLIENT = UpstreamHttpClients.negotiating(TIMEOUTS, 8, SystemDefaultDnsResolver.INSTANCE,
                    ClientTlsStrategyBuilder.create()
                            .setSslContext(SSLContextBuilder.create().loadTrustMaterial(TrustAllStrategy.INSTANCE).build())
                            .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
                            .buildAsync());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private OpenAiCompatibleProvider provider;

    @BeforeEach
    void setUp() {
        UPSTREAM.resetAll();
        provider = new OpenAiCompatibleProvider("h2", URI.create("https://127.0.0.1:" + UPSTREAM.httpsPort() + "/v1"),
                Optional.of("sk-h2-key"), CLIENT, WATCHDOG, TIMEOUTS, new ObjectMapper());
    }

    @AfterAll
    static void stop() throws Exception {
        CLIENT.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE);
        UPSTREAM.stop();
    }

    @Test
    void aCompletionGoesOutOverHttp2() {
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"hi over h2\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,\"total_tokens\":10}}")));

        UpstreamReply reply = provider.complete(new UpstreamCall("gpt-4o-mini", REQUEST, null));

        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("hi over h2");
        assertThat(reply.usage().outputTokens()).isEqualTo(3);
        UPSTREAM.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer sk-h2-key")));
        assertThat(UPSTREAM.getAllServeEvents()).allSatisfy(e ->
                assertThat(e.getRequest().getProtocol()).isEqualTo("HTTP/2.0"));
    }

    @Test
    void aStreamIsRelayedChunkByChunkOverHttp2() {
        String sse = "data: {\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":"
                + "{\"content\":\"one \"}}]}\n\n"
                + "data: {\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":"
                + "{\"content\":\"two\"},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: {\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":"
                + "{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}\n\n"
                + "data: [DONE]\n\n";
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "text/event-stream").withBody(sse)));
        List<String> chunks = new ArrayList<>();

        StreamOutcome outcome = provider.stream(new UpstreamCall("gpt-4o-mini", REQUEST, null),
                chunk -> chunks.add(new String(chunk, StandardCharsets.UTF_8)));

        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.usage().outputTokens()).isEqualTo(2);
        assertThat(String.join("", chunks)).contains("one ", "two");
        assertThat(UPSTREAM.getAllServeEvents().get(0).getRequest().getProtocol()).isEqualTo("HTTP/2.0");
    }

    @Test
    void errorsAndDeadlinesWorkAsOverHttp11() {
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "7").withBody("{\"error\":{\"message\":\"slow down\"}}")));
        assertThatThrownBy(() -> provider.complete(new UpstreamCall("gpt-4o-mini", REQUEST, null)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                });
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withFixedDelay(SILENCE_MILLIS)
                .withBody("{}")));
        OpenAiCompatibleProvider impatient = new OpenAiCompatibleProvider("h2",
                URI.create("https://127.0.0.1:" + UPSTREAM.httpsPort() + "/v1"), Optional.of("sk-h2-key"), CLIENT,
                WATCHDOG, FIRST_BYTE_OF_A_SECOND, new ObjectMapper());
        long started = System.nanoTime();
        assertThatThrownBy(() -> impatient.complete(new UpstreamCall("gpt-4o-mini", REQUEST, null)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("timed out");
                });
        // cut by the deadline, not answered by the stub: well before its silence ends
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(SILENCE_MILLIS / 2));
    }
}
