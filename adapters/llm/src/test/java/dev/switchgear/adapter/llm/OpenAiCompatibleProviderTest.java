package dev.switchgear.adapter.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import dev.switchgear.domain.shared.TokenUsage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible adapter against a stub speaking OpenAI's documented chat completions format. */
class OpenAiCompatibleProviderTest {

    private static final String KEY = "sk-canary-provider-key-7f3a9c1e5b";
    private static final WireMockServer UPSTREAM = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private static final byte[] REQUEST = ("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Say hi\"}],\"temperature\":0.2,\"vendor_extension\":{\"a\":1}}").getBytes(StandardCharsets.UTF_8);

    /** Deadlines no test here is about: generous, so a cold JVM or a busy machine cannot miss them. */
    static final UpstreamTimeouts TIMEOUTS = new UpstreamTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofSeconds(60));
    static final UpstreamWatchdog WATCHDOG = new UpstreamWatchdog();
    static final org.apache.hc.client5.http.impl.classic.CloseableHttpClient CLIENT =
            UpstreamHttpClients.create(TIMEOUTS, 50);

    private OpenAiCompatibleProvider provider;

    @BeforeAll
    static void start() {
        UPSTREAM.start();
    }

    @AfterAll
    static void stop() {
        UPSTREAM.stop();
    }

    @BeforeEach
    void setUp() {
        UPSTREAM.resetAll();
        URI base = URI.create(UPSTREAM.baseUrl() + "/v1");
        provider = new OpenAiCompatibleProvider("openai", base, Optional.of(KEY), CLIENT, WATCHDOG, TIMEOUTS,
                new ObjectMapper());
    }

    private static void answer(int status, String body) {
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void sendsTheBodyWithTheUpstreamModelAndThePlatformKeyAndReadsTheUsage() {
        answer(200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1,\"total_tokens\":10}}");

        UpstreamReply reply = provider.complete(new UpstreamCall("gpt-4o-mini-2024-07-18", REQUEST, 256));

        assertThat(reply.usage()).isEqualTo(new TokenUsage(9, 1));
        assertThat(reply.usageEstimated()).isFalse();
        UPSTREAM.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini-2024-07-18")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("256")))
                .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.2")))
                .withRequestBody(matchingJsonPath("$.vendor_extension.a", equalTo("1"))));
    }

    @Test
    void aReplyWithoutUsageIsCountedLocallyAndMarkedEstimated() {
        answer(200, "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"twelve bytes\"}}]}");

        UpstreamReply reply = provider.complete(new UpstreamCall("m", REQUEST, null));

        assertThat(reply.usageEstimated()).isTrue();
        assertThat(reply.usage().outputTokens()).isEqualTo(3);
        // not an OpenAI model: the documented estimate, 4 bytes a token, 3 per message, 3 for the reply
        assertThat(reply.usage().inputTokens()).isEqualTo(3 + 3 + 1 + 2);
    }

    @Test
    void a429IsRateLimitedWithItsRetryAfter() {
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "7").withBody("{\"error\":{\"message\":\"slow down\"}}")));

        assertThatThrownBy(() -> provider.complete(new UpstreamCall("m", REQUEST, null)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                });
    }

    @Test
    void a5xxIsUnavailable() {
        answer(503, "{\"error\":{\"message\":\"overloaded\"}}");
        assertThatThrownBy(() -> provider.complete(new UpstreamCall("m", REQUEST, null)))
                .isInstanceOfSatisfying(UpstreamException.class,
                        e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE));
    }

    @Test
    void aRejectedRequestPassesTheUpstreamMessageOnWithoutThePlatformKey() {
        answer(400, "{\"error\":{\"message\":\"bad temperature; your key " + KEY + " is fine\",\"type\":"
                + "\"invalid_request_error\"}}");
        assertThatThrownBy(() -> provider.complete(new UpstreamCall("m", REQUEST, null)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.REJECTED);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("bad temperature").doesNotContain(KEY);
                });
    }

    @Test
    void refusedPlatformCredentialsAreTheGatewaysProblemNotTheCallers() {
        answer(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}");
        assertThatThrownBy(() -> provider.complete(new UpstreamCall("m", REQUEST, null)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
                    assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain(UPSTREAM.baseUrl());
                });
    }

    @Test
    void aResetConnectionIsUnavailableAndNamesNoAddress() {
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> provider.complete(new UpstreamCall("m", REQUEST, null)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
                    assertThat(e.getMessage()).doesNotContain("127.0.0.1");
                });
    }

    @Test
    void aSlowUpstreamTimesOut() {
        // the stub stays silent twenty times as long as the first-byte deadline
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(20_000).withBody("{}")));
        OpenAiCompatibleProvider impatient = new OpenAiCompatibleProvider("openai", URI.create(UPSTREAM.baseUrl() + "/v1"),
                Optional.of(KEY), CLIENT, WATCHDOG, new UpstreamTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(60)), new ObjectMapper());
        assertThatThrownBy(() -> impatient.complete(new UpstreamCall("m", REQUEST, null)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("timed out (first byte)");
                });
    }

    @Test
    void aBodyThatIsNotJsonIsUnavailable() {
        answer(200, "<html>gateway error</html>");
        assertThatThrownBy(() -> provider.complete(new UpstreamCall("m", REQUEST, null)))
                .isInstanceOfSatisfying(UpstreamException.class,
                        e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE));
    }
}
