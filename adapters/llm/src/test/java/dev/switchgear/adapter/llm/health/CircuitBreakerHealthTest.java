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
    void eachCatalogModelHasItsOwnLatencyAndSuccessWindow() {
        CircuitBreakerHealth tracked = new CircuitBreakerHealth(
                new CircuitBreakerHealth.Settings(10, 4, 50, Duration.ofMinutes(10), 50), announced::add,
                Clock.systemUTC(), model -> !model.startsWith("custom/"));
        for (int i = 1; i <= 10; i++) {
            tracked.recordSuccess("p", "fast", i * 1_000_000L);            // 1..10 ms
            tracked.recordSuccess("p", "slow", i * 100_000_000L);          // 100..1000 ms
        }
        tracked.recordFailure("p", "fast", 2_000_000L, "UNAVAILABLE");
        tracked.recordFailure("p", "fast", 3_000_000L, "UNAVAILABLE");
        tracked.recordSuccess("p", "custom/mine", 5_000_000L);
        // fast: 12 calls (1..10 ms, 2 and 3 ms failed), p50 = the 6th smallest = 4 ms, p95 = the 12th = 10 ms
        assertThat(tracked.modelStatus("p", "fast")).hasValueSatisfying(s -> {
            assertThat(s.samples()).isEqualTo(12);
            assertThat(s.p50Millis()).isEqualTo(4);
            assertThat(s.p95Millis()).isEqualTo(10);
            assertThat(s.successRate()).isEqualTo(10 / 12.0);
        });
        // slow: 100..1000 ms, p50 = the 5th = 500 ms, p95 = the 10th = 1000 ms, all succeeded
        assertThat(tracked.modelStatus("p", "slow")).hasValueSatisfying(s -> {
            assertThat(s.p50Millis()).isEqualTo(500);
            assertThat(s.p95Millis()).isEqualTo(1000);
            assertThat(s.successRate()).isEqualTo(1.0);
        });
        // the provider's window mixes both; a model outside the catalog gets none; an unseen one neither
        assertThat(tracked.statuses()).singleElement().satisfies(p -> assertThat(p.samples()).isEqualTo(23));
        assertThat(tracked.modelStatus("p", "custom/mine")).isEmpty();
        assertThat(tracked.modelStatus("p", "never")).isEmpty();
        assertThat(tracked.modelStatus("q", "fast")).isEmpty();
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
