package dev.switchgear.adapter.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.switchgear.application.port.out.keyring.ProviderKeyVerifier.KeyCheck;
import dev.switchgear.domain.keyring.api.KeyTestStatus;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Live key tests, each against a stub of the provider's own API in its documented format. */
class ProviderKeyProbeTest {

    private static final WireMockServer STUB = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private static final String GOOD = "good-key-0123456789";

    static {
        STUB.start();
    }

    private ProviderKeyProbe probe;

    @BeforeEach
    void setUp() {
        STUB.resetAll();
        URI base = URI.create("http://127.0.0.1:" + STUB.port());
        // no case here is about time: deadlines a cold JVM cannot miss
        UpstreamTimeouts timeouts = new UpstreamTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(60));
        CloseableHttpClient client = UpstreamHttpClients.create(timeouts, 4);
        CloseableHttpClient custom = UpstreamHttpClients.create(timeouts, 4,
                new PublicEndpointGuard(Set.of("127.0.0.1")));
        probe = new ProviderKeyProbe(Map.of(
                "openai", new ProviderKeyProbe.Target("openai", base.resolve("/openai/v1"), "m"),
                "anthropic", new ProviderKeyProbe.Target("anthropic", base.resolve("/anthropic"), "claude-3-5-haiku-latest"),
                "cohere", new ProviderKeyProbe.Target("cohere", base.resolve("/cohere"), "m"),
                "gemini", new ProviderKeyProbe.Target("gemini", base.resolve("/gemini"), "m"),
                "down", new ProviderKeyProbe.Target("openai", URI.create("http://127.0.0.1:1/v1"), "m")),
                client, custom);
    }

    @AfterAll
    static void stop() {
        STUB.stop();
    }

    @Test
    void openAiCompatibleKeysAreTestedWithGetModels() {
        STUB.stubFor(get(urlEqualTo("/openai/v1/models")).withHeader("Authorization", equalTo("Bearer " + GOOD))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"object\":\"list\",\"data\":[]}")));
        STUB.stubFor(get(urlEqualTo("/openai/v1/models")).atPriority(9).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":{\"message\":\"Incorrect API key provided: bad-key-echoed\"}}")));

        assertThat(probe.verify("openai", GOOD, Optional.empty()).status()).isEqualTo(KeyTestStatus.VALID);
        KeyCheck bad = probe.verify("openai", "bad-key-echoed", Optional.empty());
        assertThat(bad.status()).isEqualTo(KeyTestStatus.INVALID);
        assertThat(bad.detail()).contains("401").doesNotContain("bad-key-echoed");
    }

    @Test
    void anthropicKeysAreTestedWithAOneTokenMessage() {
        STUB.stubFor(post(urlEqualTo("/anthropic/v1/messages")).withHeader("x-api-key", equalTo(GOOD))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("1")))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
                        "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
                                + "\"text\":\"p\"}],\"stop_reason\":\"max_tokens\",\"usage\":{\"input_tokens\":8,"
                                + "\"output_tokens\":1}}")));
        STUB.stubFor(post(urlEqualTo("/anthropic/v1/messages")).atPriority(9).willReturn(aResponse().withStatus(401)
                .withBody("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}")));

        KeyCheck good = probe.verify("anthropic", GOOD, Optional.empty());
        assertThat(good.status()).isEqualTo(KeyTestStatus.VALID);
        assertThat(good.latencyMillis()).isGreaterThanOrEqualTo(0);
        assertThat(probe.verify("anthropic", "nope", Optional.empty()).status()).isEqualTo(KeyTestStatus.INVALID);
        STUB.verify(postRequestedFor(urlEqualTo("/anthropic/v1/messages"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("claude-3-5-haiku-latest"))));
    }

    @Test
    void cohereAndGeminiKeysAreTestedWithTheirModelLists() {
        STUB.stubFor(get(urlEqualTo("/cohere/v1/models")).withHeader("Authorization", equalTo("Bearer " + GOOD))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"models\":[]}")));
        STUB.stubFor(get(urlEqualTo("/gemini/v1beta/models")).withHeader("x-goog-api-key", equalTo(GOOD))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"models\":[]}")));
        STUB.stubFor(get(urlEqualTo("/gemini/v1beta/models")).atPriority(9).willReturn(aResponse().withStatus(403)));

        assertThat(probe.verify("cohere", GOOD, Optional.empty()).status()).isEqualTo(KeyTestStatus.VALID);
        assertThat(probe.verify("gemini", GOOD, Optional.empty()).status()).isEqualTo(KeyTestStatus.VALID);
        assertThat(probe.verify("gemini", "other", Optional.empty()).status()).isEqualTo(KeyTestStatus.INVALID);
        STUB.verify(getRequestedFor(urlEqualTo("/gemini/v1beta/models")).withHeader("x-goog-api-key", equalTo(GOOD)));
    }

    @Test
    void rateLimitingMeansAcceptedWhileFailuresAndRedirectsMeanUntested() {
        STUB.stubFor(get(urlEqualTo("/openai/v1/models")).willReturn(aResponse().withStatus(429)));
        assertThat(probe.verify("openai", GOOD, Optional.empty()).status()).isEqualTo(KeyTestStatus.VALID);
        STUB.stubFor(get(urlEqualTo("/openai/v1/models")).willReturn(aResponse().withStatus(503)));
        assertThat(probe.verify("openai", GOOD, Optional.empty()).status()).isEqualTo(KeyTestStatus.UNREACHABLE);
        STUB.stubFor(get(urlEqualTo("/openai/v1/models")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(probe.verify("openai", GOOD, Optional.empty()).status()).isEqualTo(KeyTestStatus.UNREACHABLE);
        STUB.stubFor(get(urlEqualTo("/openai/v1/models")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data")));
        assertThat(probe.verify("openai", GOOD, Optional.empty()).status()).isEqualTo(KeyTestStatus.UNREACHABLE);
        assertThat(probe.verify("down", GOOD, Optional.empty()).status()).isEqualTo(KeyTestStatus.UNREACHABLE);
        assertThat(probe.verify("unconfigured", GOOD, Optional.empty()).status()).isEqualTo(KeyTestStatus.UNREACHABLE);
    }

    @Test
    void customEndpointsAreTestedThroughTheEgressGuard() {
        STUB.stubFor(get(urlEqualTo("/custom/v1/models")).withHeader("Authorization", equalTo("Bearer " + GOOD))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"data\":[]}")));
        assertThat(probe.verify("custom", GOOD, Optional.of(URI.create("http://127.0.0.1:" + STUB.port()
                + "/custom/v1"))).status()).isEqualTo(KeyTestStatus.VALID);
        // localhost is not on the allow list: the guarded client refuses to resolve it, nothing is sent.
        assertThat(probe.verify("custom", GOOD, Optional.of(URI.create("http://localhost:" + STUB.port()
                + "/custom/v1"))).status()).isEqualTo(KeyTestStatus.UNREACHABLE);
        STUB.verify(1, getRequestedFor(urlEqualTo("/custom/v1/models")));
    }
}
