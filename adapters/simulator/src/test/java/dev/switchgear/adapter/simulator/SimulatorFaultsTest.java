package dev.switchgear.adapter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The simulator's injected faults (ADR 0031): rates checked statistically with fixed seeds (the
 * draws are a pure function of seed and request number, so these counts are exact and
 * reproducible), the answers' shapes over HTTP, slow streams and the scheduled outage.
 */
class SimulatorFaultsTest {

    private static final String CHAT = "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final List<Integer> MIX = List.of(429, 500, 503);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aFivePercentErrorRateErrsFivePercentOfTheTimeSpreadOverTheNamedStatuses() {
        for (long seed : new long[] {1, 42, 20261203}) {
            FaultInjector injector = new FaultInjector(Faults.none().withErrors(0.05, MIX).withSeed(seed));
            int n = 20_000;
            Map<Integer, Integer> counts = new HashMap<>();
            for (int i = 0; i < n; i++) {
                counts.merge(injector.next().errorStatus(), 1, Integer::sum);
            }
            int errors = n - counts.getOrDefault(0, 0);
            // binomial(20000, 0.05): mean 1000, sigma 30.8; four sigmas either side
            assertThat(errors).as("errors with seed %d", seed).isBetween(877, 1123);
            assertThat(counts.keySet()).containsExactlyInAnyOrder(0, 429, 500, 503);
            for (int status : MIX) {
                // each a third of the errors: about 333, sigma about 15
                assertThat(counts.get(status)).as("status %d with seed %d", status, seed).isBetween(250, 420);
            }
        }
    }

    @Test
    void theSameSeedDrawsTheSameFatesAndAnotherSeedOthers() {
        Faults faults = Faults.none().withErrors(0.3, MIX).withLatency(Duration.ofMillis(5), Duration.ofMillis(20));
        List<FaultInjector.Fate> first = fates(new FaultInjector(faults.withSeed(7)), 500);
        assertThat(fates(new FaultInjector(faults.withSeed(7)), 500)).isEqualTo(first);
        assertThat(fates(new FaultInjector(faults.withSeed(8)), 500)).isNotEqualTo(first);
    }

    @Test
    void jitterIsUniformBetweenTheLatencyAndTheLatencyPlusTheJitter() {
        FaultInjector injector = new FaultInjector(Faults.none()
                .withLatency(Duration.ofMillis(10), Duration.ofMillis(40)).withSeed(3));
        int n = 10_000;
        long sum = 0;
        long below20 = 0;
        for (int i = 0; i < n; i++) {
            long millis = injector.next().delay().toNanos();
            assertThat(millis).isBetween(10_000_000L, 50_000_000L);
            sum += millis;
            below20 += millis < 20_000_000L ? 1 : 0;
        }
        // mean 30 ms (sd of the mean 0.12 ms); a quarter under 20 ms (sd 0.43 %)
        assertThat(sum / n / 1e6).isBetween(29.5, 30.5);
        assertThat(below20 / (double) n).isBetween(0.23, 0.27);
        assertThat(new FaultInjector(Faults.none()).next()).isEqualTo(new FaultInjector.Fate(Duration.ZERO, 0));
    }

    @Test
    void theOutageIsOnFromItsStartForItsLengthOnly() {
        AtomicLong now = new AtomicLong(1_000);
        FaultInjector injector = new FaultInjector(Faults.none().withOutage(Duration.ofSeconds(120),
                Duration.ofSeconds(60)), now::get);
        assertThat(injector.down()).isFalse();
        now.addAndGet(Duration.ofSeconds(120).toNanos() - 1);
        assertThat(injector.down()).isFalse();
        now.addAndGet(1);
        assertThat(injector.down()).isTrue();
        assertThat(injector.secondsUntilUp()).isEqualTo(60);
        now.addAndGet(Duration.ofSeconds(59).toNanos() + 1);
        assertThat(injector.down()).isTrue();
        assertThat(injector.secondsUntilUp()).isEqualTo(1);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(injector.down()).isFalse();
        assertThat(new FaultInjector(Faults.none(), now::get).down()).isFalse();
    }

    @Test
    void overHttpTheErrorsAreExactlyTheSeedsInOpenAisShape() throws Exception {
        Faults faults = Faults.none().withErrors(0.25, MIX).withSeed(11);
        List<FaultInjector.Fate> expected = fates(new FaultInjector(faults), 200);
        try (Simulator simulator = Simulator.start(new Simulator.Settings(0, Optional.empty(), faults))) {
            for (FaultInjector.Fate fate : expected) {
                HttpResponse<String> response = post(simulator, "/chat/completions", CHAT);
                JsonNode body = json.readTree(response.body());
                if (fate.errorStatus() == 0) {
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("hi");
                    continue;
                }
                assertThat(response.statusCode()).isEqualTo(fate.errorStatus());
                assertThat(body.at("/error/message").asText()).contains("simulated");
                assertThat(body.at("/error/type").asText()).isEqualTo(fate.errorStatus() == 429 ? "requests" : "server_error");
                assertThat(body.at("/error").has("param")).isTrue();
                if (fate.errorStatus() == 429) {
                    assertThat(body.at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
                    assertThat(response.headers().firstValue("Retry-After")).contains("1");
                }
            }
        }
        assertThat(expected).extracting(FaultInjector.Fate::errorStatus).contains(0, 429, 500, 503);
    }

    @Test
    void invalidRequestsAreRefusedBeforeAnyFaultIsDrawn() throws Exception {
        try (Simulator simulator = Simulator.start(new Simulator.Settings(0, Optional.empty(),
                Faults.none().withErrors(1.0, MIX)))) {
            assertThat(post(simulator, "/chat/completions", "{\"model\":\"gpt-9\",\"messages\":[]}").statusCode())
                    .isEqualTo(404);
            assertThat(post(simulator, "/chat/completions", "[1]").statusCode()).isEqualTo(400);
            assertThat(post(simulator, "/embeddings", "{\"model\":\"sim-embed\"}").statusCode()).isEqualTo(400);
            assertThat(post(simulator, "/completions", "{\"model\":\"sim-echo\",\"prompt\":\"hi\"}").statusCode()).isIn(MIX);
        }
    }

    @Test
    void aSlowStreamPausesBetweenItsEvents() throws Exception {
        Duration delay = Duration.ofMillis(40);
        try (Simulator simulator = Simulator.start(new Simulator.Settings(0, Optional.empty(),
                Faults.none().withChunkDelay(delay)))) {
            String body = "{\"model\":\"sim-echo\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                    + "\"Stream me back in six little pieces.\"}]}";
            long started = System.nanoTime();
            HttpResponse<String> response = post(simulator, "/chat/completions", body);
            long elapsed = System.nanoTime() - started;
            List<String> events = new ArrayList<>();
            for (String line : response.body().split("\n")) {
                if (line.startsWith("data: ")) {
                    events.add(line);
                }
            }
            // role, 3 content pieces of up to 16 bytes, finish, [DONE]: a pause between any two
            assertThat(events).hasSize(6).last().isEqualTo("data: [DONE]");
            assertThat(elapsed).isGreaterThanOrEqualTo(delay.multipliedBy(events.size() - 1).toNanos());
            long quick = System.nanoTime();
            assertThat(post(simulator, "/chat/completions", CHAT).statusCode()).isEqualTo(200);
            assertThat(System.nanoTime() - quick).as("a plain answer is not paced").isLessThan(delay.toNanos() * 3);
        }
    }

    @Test
    void duringTheOutageEveryEndpointAnswers503WithWhenToComeBack() throws Exception {
        try (Simulator simulator = Simulator.start(new Simulator.Settings(0, Optional.empty(),
                Faults.none().withOutage(Duration.ZERO, Duration.ofMillis(1500))))) {
            HttpResponse<String> down = post(simulator, "/chat/completions", CHAT);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(json.readTree(down.body()).at("/error/code").asText()).isEqualTo("service_unavailable");
            assertThat(down.headers().firstValue("Retry-After")).hasValueSatisfying(
                    seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 2));
            HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/models"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(models.statusCode()).isEqualTo(503);
            Thread.sleep(1600);
            assertThat(post(simulator, "/chat/completions", CHAT).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theCommandLineSetsEveryFaultAndRefusesNonsense() {
        Simulator.Settings settings = SimulatorMain.settings(new String[] {"--port", "0", "--latency-ms", "5",
            "--jitter-ms", "20", "--error-rate", "0.05", "--error-statuses", "503, 429", "--stream-chunk-delay-ms",
            "250", "--down-after-s", "120", "--down-for-s", "60", "--seed", "9"});
        assertThat(settings.faults()).isEqualTo(new Faults(Duration.ofMillis(5), Duration.ofMillis(20), 0.05,
                List.of(503, 429), Duration.ofMillis(250), Duration.ofSeconds(120), Duration.ofSeconds(60), 9));
        assertThatThrownBy(() -> SimulatorMain.settings(new String[] {"--error-statuses", "404"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorMain.settings(new String[] {"--error-rate", "1.5"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorMain.settings(new String[] {"--jitter-ms"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<FaultInjector.Fate> fates(FaultInjector injector, int n) {
        List<FaultInjector.Fate> fates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fates.add(injector.next());
        }
        return fates;
    }

    private HttpResponse<String> post(Simulator simulator, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
