package dev.switchgear.adapter.llm.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.switchgear.application.port.out.routing.HealthNotifier;
import dev.switchgear.application.port.out.routing.ProviderStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CircuitBreakerHealthTest {

    private final List<HealthNotifier.Transition> announced = new CopyOnWriteArrayList<>();
    private final CircuitBreakerHealth health = new CircuitBreakerHealth(
            new CircuitBreakerHealth.Settings(10, 4, 50, Duration.ofMinutes(10), 50), announced::add,
            Clock.systemUTC());

    private ProviderStatus status(String provider) {
        return health.statuses().stream().filter(s -> s.provider().equals(provider)).findFirst().orElseThrow();
    }

    @Test
    void failuresOpenTheModelsCircuitAndTheProviderIsDownWhenAllItsCircuitsAre() {
        health.recordSuccess("p", "m", 2_000_000);
        assertThat(health.admits("p", "m")).isTrue();
        for (int i = 0; i < 4; i++) {
            health.recordFailure("p", "m", 1_000_000, "UNAVAILABLE");
        }
        assertThat(health.admits("p", "m")).isFalse();
        assertThat(health.admits("p", "other-model")).isTrue();
        assertThat(status("p").state()).isEqualTo("down");
        assertThat(status("p").successRate()).isEqualTo(0.2);
        assertThat(announced).extracting(HealthNotifier.Transition::to).contains("down");

        health.recordSuccess("p", "other-model", 1_000_000);
        assertThat(status("p").state()).isEqualTo("degraded");
    }

    @Test
    void aSuccessfulProbeClosesTheCircuitsAndAFailedOneMarksTheProviderDown() {
        for (int i = 0; i < 4; i++) {
            health.recordFailure("q", "m", 1_000_000, "UNAVAILABLE");
        }
        assertThat(health.admits("q", "m")).isFalse();
        health.recordProbe("q", true, 12, "accepted");
        assertThat(health.admits("q", "m")).isTrue();
        assertThat(status("q").state()).isEqualTo("up");

        health.recordProbe("q", false, 5_000, "could not be reached");
        assertThat(health.admits("q", "m")).isFalse();
        assertThat(status("q").state()).isEqualTo("down");
        assertThat(status("q").lastProbeDetail()).contains("could not be reached");
        health.recordProbe("q", true, 10, "accepted");
        assertThat(announced).filteredOn(t -> t.provider().equals("q") && t.model() == null)
                .extracting(HealthNotifier.Transition::to).containsExactly("down", "up");
    }

    @Test
    void latencyPercentilesComeFromTheLastCalls() {
        for (int i = 1; i <= 100; i++) {
            health.recordSuccess("r", "m", i * 1_000_000L);
        }
        assertThat(status("r").p50Millis()).isEqualTo(75);
        assertThat(status("r").p95Millis()).isEqualTo(98);
        assertThat(status("r").samples()).isEqualTo(50);
        assertThat(health.latencyMicros("r")).isEqualTo(75_000);
    }

    @Test
    void theWebhookGetsEachTransitionAsJson() throws Exception {
        WireMockServer hook = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        hook.start();
        try {
            hook.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
            new WebhookHealthNotifier(URI.create("http://127.0.0.1:" + hook.port() + "/hook"), new ObjectMapper())
                    .changed(new HealthNotifier.Transition("groq", null, "up", "down", "active probe: 503",
                            Instant.parse("2026-01-01T00:00:00Z")));
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (hook.getAllServeEvents().isEmpty() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            hook.verify(postRequestedFor(urlEqualTo("/hook"))
                    .withHeader("Content-Type", equalTo("application/json"))
                    .withRequestBody(matchingJsonPath("$.event", equalTo("provider.down")))
                    .withRequestBody(matchingJsonPath("$.provider", equalTo("groq")))
                    .withRequestBody(matchingJsonPath("$.at", equalTo("2026-01-01T00:00:00Z"))));
        } finally {
            hook.stop();
        }
    }
}
