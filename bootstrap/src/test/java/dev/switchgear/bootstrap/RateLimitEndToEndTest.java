package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Per-account rate limits over real HTTP on a whole gateway with its limits in memory (ADR 0017):
 * exact under 200 concurrent requests, nothing charged for a 429, the free tier's eleventh request,
 * the token budget, and OpenAI's headers on plain answers, streams, errors and {@code /v1/messages}.
 */
class RateLimitEndToEndTest {

    static final String RESET = "^(\\d+ms|(\\d+h)?(\\d+m)?\\d+(\\.\\d{1,3})?s)$";

    private static ConfigurableApplicationContext context;
    private static GatewayClient gateway;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        context = GatewayClient.startOn(Files.createTempDirectory("switchgear-limits"));
        gateway = GatewayClient.of(context);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void twoHundredConcurrentCompletionsOnAnAccountAllowedTwentyGiveExactlyTwentyAnswersAndChargeTwenty()
            throws Exception {
        String account = gateway.openAccount("Twenty", "enterprise");
        String key = gateway.issueKey(account);
        long granted = gateway.grant(account, "50");
        assertThat(override(account, "{\"requests_per_minute\":20,\"tokens_per_minute\":null}").status())
                .isEqualTo(200);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            inFlight.add(http.sendAsync(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(120))
                    .POST(HttpRequest.BodyPublishers.ofString(GatewayEndToEndTest.HELLO)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        int answered = 0;
        int refused = 0;
        long charged = 0;
        for (CompletableFuture<HttpResponse<String>> call : inFlight) {
            HttpResponse<String> response = call.join();
            assertThat(response.headers().firstValue("x-ratelimit-limit-requests")).hasValue("20");
            assertThat(response.headers().allValues("x-ratelimit-remaining-requests")).hasSize(1);
            if (response.statusCode() == 200) {
                answered++;
                charged += micros(response.headers().firstValue("X-Switchgear-Charged-Credits").orElseThrow());
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
                refused++;
                assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow()))
                        .isBetween(1L, 60L);
                assertThat(response.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
                JsonNode error = json.readTree(response.body()).get("error");
                assertThat(error.get("type").asText()).isEqualTo("requests");
                assertThat(error.get("code").asText()).isEqualTo("rate_limit_exceeded");
                assertThat(error.get("param").isNull()).isTrue();
                assertThat(error.get("message").asText()).startsWith(
                        "Rate limit reached for requests per minute (RPM) on account " + account + ": Limit 20,"
                                + " Used 20, Requested 1. Please try again in ");
            }
        }
        assertThat(answered).isEqualTo(20);
        assertThat(refused).isEqualTo(180);
        assertThat(charged).isPositive();
        assertThat(granted - gateway.balance(key)).as("exactly the twenty answers were charged").isEqualTo(charged);
        assertThat(usageEvents(account)).isEqualTo(20);
    }

    @Test
    void aFreeAccountsEleventhRequestWithinAMinuteIsRefused() {
        String account = gateway.openAccount("Free", "free");
        String key = gateway.issueKey(account);
        gateway.grant(account, "5");
        for (int i = 1; i <= 10; i++) {
            GatewayClient.Reply reply = gateway.post("/v1/chat/completions", key, GatewayEndToEndTest.HELLO);
            assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
            HttpResponse<String> raw = reply.raw();
            assertThat(raw.headers().firstValue("x-ratelimit-limit-requests")).hasValue("10");
            assertThat(raw.headers().firstValue("x-ratelimit-remaining-requests")).hasValue(Integer.toString(10 - i));
            assertThat(raw.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("10000");
            assertThat(Long.parseLong(raw.headers().firstValue("x-ratelimit-remaining-tokens").orElseThrow()))
                    .isLessThan(10_000);
            assertThat(raw.headers().firstValue("x-ratelimit-reset-requests").orElseThrow()).matches(RESET);
            assertThat(raw.headers().firstValue("x-ratelimit-reset-tokens").orElseThrow()).matches(RESET);
        }
        long balance = gateway.balance(key);
        GatewayClient.Reply eleventh = gateway.post("/v1/chat/completions", key, GatewayEndToEndTest.HELLO);
        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.body().get("error").get("type").asText()).isEqualTo("requests");
        assertThat(eleventh.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(gateway.balance(key)).isEqualTo(balance);
        assertThat(usageEvents(account)).isEqualTo(10);
    }

    @Test
    void aRequestWhoseEstimateExceedsTheRemainingTokensIsRefusedAsTokensAndTheUnusedRestComesBack() {
        String account = gateway.openAccount("Tokens", "starter");
        String key = gateway.issueKey(account);
        gateway.grant(account, "5");
        override(account, "{\"requests_per_minute\":null,\"tokens_per_minute\":1000}");
        String big = "{\"model\":\"sim-echo\",\"max_tokens\":900,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertThat(gateway.post("/v1/chat/completions", key, big).status()).isEqualTo(200);
        GatewayClient.Reply second = gateway.post("/v1/chat/completions", key, big);
        assertThat(second.status()).as("the first one's unused allowance came back: " + second.raw().body())
                .isEqualTo(200);
        long balance = gateway.balance(key);
        String tooBig = big.replace("900", "1001");
        GatewayClient.Reply refused = gateway.post("/v1/chat/completions", key, tooBig);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().get("error").get("type").asText()).isEqualTo("tokens");
        assertThat(refused.body().get("error").get("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(refused.raw().headers().firstValue("x-ratelimit-limit-tokens")).hasValue("1000");
        assertThat(refused.raw().headers().firstValue("x-ratelimit-remaining-requests")).as("no request taken")
                .hasValue(Long.toString(100 - 2));
        assertThat(gateway.balance(key)).isEqualTo(balance);
        assertThat(usageEvents(account)).isEqualTo(2);
    }

    @Test
    void aStreamCarriesTheLimitsInItsHeadersBeforeItsFirstChunk() throws Exception {
        String account = gateway.openAccount("Stream", "professional");
        String key = gateway.issueKey(account);
        gateway.grant(account, "5");
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"sim-echo\",\"stream\":true,\"max_tokens\":8,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"stream please\"}]}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-ratelimit-limit-requests")).hasValue("500");
        assertThat(response.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("499");
        assertThat(response.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("500000");
        String body;
        try (java.io.InputStream in = response.body()) {
            body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(body).startsWith("data: ").endsWith("data: [DONE]\n\n");
    }

    @Test
    void aRefusalAfterTheLimitsCarriesTheirHeadersAndGivesEverythingBack() {
        String account = gateway.openAccount("Unknown model", "starter");
        String key = gateway.issueKey(account);
        gateway.grant(account, "5");
        GatewayClient.Reply missing = gateway.post("/v1/chat/completions", key,
                GatewayEndToEndTest.HELLO.replace("sim-echo", "no-such-model"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.raw().headers().firstValue("x-ratelimit-limit-requests")).hasValue("100");
        GatewayClient.Reply next = gateway.post("/v1/chat/completions", key, GatewayEndToEndTest.HELLO);
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.raw().headers().firstValue("x-ratelimit-remaining-requests")).as("the 404 took nothing")
                .hasValue("99");

        String broke = gateway.openAccount("No credits", "starter");
        String brokeKey = gateway.issueKey(broke);
        GatewayClient.Reply unpaid = gateway.post("/v1/chat/completions", brokeKey, GatewayEndToEndTest.HELLO);
        assertThat(unpaid.status()).isEqualTo(402);
        assertThat(unpaid.raw().headers().firstValue("x-ratelimit-remaining-requests")).hasValue("99");
        gateway.grant(broke, "5");
        assertThat(gateway.post("/v1/chat/completions", brokeKey, GatewayEndToEndTest.HELLO).raw().headers()
                .firstValue("x-ratelimit-remaining-requests")).as("the 402 took nothing").hasValue("99");
    }

    @Test
    void messagesReportTheLimitsAndAreRefusedInAnthropicsShape() throws Exception {
        String account = gateway.openAccount("Messages", "starter");
        String key = gateway.issueKey(account);
        gateway.grant(account, "5");
        override(account, "{\"requests_per_minute\":1,\"tokens_per_minute\":null}");
        String message = "{\"model\":\"sim-echo\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> first = gateway.send("POST", "/v1/messages", null, message,
                Map.of("x-api-key", key, "anthropic-version", "2023-06-01"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("x-ratelimit-limit-requests")).hasValue("1");
        assertThat(first.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        HttpResponse<String> second = gateway.send("POST", "/v1/messages", null, message,
                Map.of("x-api-key", key, "anthropic-version", "2023-06-01"));
        assertThat(second.statusCode()).isEqualTo(429);
        JsonNode body = json.readTree(second.body());
        assertThat(body.get("type").asText()).isEqualTo("error");
        assertThat(body.get("error").get("type").asText()).isEqualTo("rate_limit_error");
        assertThat(body.get("error").get("message").asText()).contains("requests per minute (RPM)");
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
        assertThat(second.headers().allValues("x-ratelimit-remaining-requests")).containsExactly("0");
    }

    @Test
    void theAdministratorOverridesALimitAndTheAccountReadsItsOwn() {
        String account = gateway.openAccount("Limits", "professional");
        String key = gateway.issueKey(account);
        GatewayClient.Reply initial = gateway.get("/api/v1/admin/accounts/" + account + "/rate-limits",
                GatewayClient.ADMIN_KEY);
        assertThat(initial.status()).isEqualTo(200);
        assertThat(initial.body().get("requests_per_minute").asLong()).isEqualTo(500);
        assertThat(initial.body().get("override").get("requests_per_minute").isNull()).isTrue();

        GatewayClient.Reply set = override(account, "{\"requests_per_minute\":42,\"tokens_per_minute\":null}");
        assertThat(set.body().get("requests_per_minute").asLong()).isEqualTo(42);
        assertThat(set.body().get("tokens_per_minute").asLong()).isEqualTo(500_000);
        assertThat(set.body().get("tier_default").get("requests_per_minute").asLong()).isEqualTo(500);
        assertThat(set.body().get("override").get("requests_per_minute").asLong()).isEqualTo(42);
        GatewayClient.Reply own = gateway.get("/api/v1/llm/rate-limits", key);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().get("requests_per_minute").asLong()).isEqualTo(42);

        for (String bad : List.of("{\"requests_per_minute\":0,\"tokens_per_minute\":null}",
                "{\"requests_per_minute\":\"5\",\"tokens_per_minute\":null}",
                "{\"requests_per_minute\":1.5,\"tokens_per_minute\":null}",
                "{\"requests_per_minute\":5}", "{\"requests_per_minute\":5,\"tokens_per_minute\":5,\"x\":1}",
                "[]", "not json")) {
            GatewayClient.Reply refused = override(account, bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.body().get("error").get("type").asText()).isEqualTo("invalid_request_error");
        }
        assertThat(gateway.get("/api/v1/llm/rate-limits", key).body().get("requests_per_minute").asLong())
                .as("nothing changed").isEqualTo(42);
        assertThat(gateway.send("PUT", "/api/v1/admin/accounts/" + account + "/rate-limits", key,
                "{\"requests_per_minute\":1000,\"tokens_per_minute\":null}", Map.of()).statusCode()).isEqualTo(403);
        assertThat(override("00000000-0000-0000-0000-000000000000",
                "{\"requests_per_minute\":5,\"tokens_per_minute\":null}").status()).isEqualTo(404);
        GatewayClient.Reply back = override(account, "{\"requests_per_minute\":null,\"tokens_per_minute\":null}");
        assertThat(back.body().get("requests_per_minute").asLong()).isEqualTo(500);
    }

    private GatewayClient.Reply override(String account, String body) {
        HttpResponse<String> raw = gateway.send("PUT", "/api/v1/admin/accounts/" + account + "/rate-limits",
                GatewayClient.ADMIN_KEY, body, Map.of());
        try {
            return new GatewayClient.Reply(raw.statusCode(), json.readTree(raw.body()), raw);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long usageEvents(String account) {
        return StreamSupport.stream(gateway.events(account).spliterator(), false)
                .filter(event -> event.get("type").asText().endsWith("UsageCharged")).count();
    }

    private static long micros(String credits) {
        return new java.math.BigDecimal(credits).movePointRight(6).longValueExact();
    }
}
