package dev.switchgear.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.domain.credit.CreditPosition;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.shared.AccountId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole gateway over real HTTP on embedded PostgreSQL: the official OpenAI Java SDK against
 * the built-in simulator and against an OpenAI-compatible stub upstream.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayEndToEndTest {

    static final String PLATFORM_KEY = "sk-platform-test-0123456789abcdefghijklmnop";
    static final WireMockServer OPENAI = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    static final String HELLO = "{\"model\":\"sim-echo\",\"max_tokens\":8,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello there, gateway\"}]}";

    static final String ANTHROPIC_KEY = "sk-ant-api03-platform-test-0123456789";
    static final WireMockServer ANTHROPIC = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    static {
        OPENAI.start();
        ANTHROPIC.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "e2e");
        registry.add("switchgear.providers.openai.base-url", () -> OPENAI.baseUrl() + "/v1");
        registry.add("switchgear.providers.openai.api-key", () -> PLATFORM_KEY);
        registry.add("switchgear.providers.anthropic.base-url", ANTHROPIC::baseUrl);
        registry.add("switchgear.providers.anthropic.api-key", () -> ANTHROPIC_KEY);
    }

    @AfterAll
    static void stopStub() {
        OPENAI.stop();
        ANTHROPIC.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    CreditAccountJournal journal;

    GatewayClient gateway;

    @BeforeEach
    void setUp() {
        gateway = new GatewayClient(port);
    }

    private OpenAIClient sdk(String key) {
        return OpenAIOkHttpClient.builder().apiKey(key).baseUrl(gateway.baseUrl() + "/v1").maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void theOpenAiJavaSdkGetsACompletionFromTheSimulatorAndTheChargeIsExact() throws Exception {
        String account = gateway.openAccount("Acme", "starter");
        String key = gateway.issueKey(account);
        long funded = gateway.grant(account, "10");

        ChatCompletion completion = sdk(key).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("sim-echo").addUserMessage("Hello from the Java SDK").build());

        assertThat(completion.choices().get(0).message().content()).contains("Hello from the Java SDK");
        long input = completion.usage().orElseThrow().promptTokens();
        long output = completion.usage().orElseThrow().completionTokens();
        long expectedCost = balanced(input * 150_000 + output * 600_000, 4_000);
        assertThat(gateway.balance(key)).isEqualTo(funded - expectedCost);

        JsonNode charged = gateway.events(account).get(3); // opened, key issued, granted, charged
        assertThat(charged.get("type").asText()).isEqualTo("UsageCharged");
        assertThat(charged.at("/payload/charged").asLong()).isEqualTo(expectedCost);
        assertThat(charged.at("/payload/inputTokens").asLong()).isEqualTo(input);
        assertThat(charged.at("/payload/balanceAfter").asLong()).isEqualTo(funded - expectedCost);

        JsonNode usage = awaitUsageRows(key, account, 1);
        assertThat(usage.at("/totals/chargedMicroCredits").asLong()).isEqualTo(expectedCost);
        assertThat(usage.at("/rows/0/inputTokens").asLong()).isEqualTo(input);
        assertThat(usage.at("/rows/0/outputTokens").asLong()).isEqualTo(output);
        JsonNode accountView = gateway.graphql(key, "{ account(id: \"" + account + "\") { balanceMicroCredits tier } }")
                .body().at("/data/account");
        assertThat(accountView.get("balanceMicroCredits").asLong()).isEqualTo(funded - expectedCost);
        assertThat(accountView.get("tier").asText()).isEqualTo("starter");
    }

    @Test
    void anOpenAiCompatibleUpstreamGetsThePlatformKeyNeverTheAccountKey() {
        OPENAI.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion\",\"created\":1,"
                        + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":"
                        + "{\"role\":\"assistant\",\"content\":\"Hi from upstream\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":2000,\"total_tokens\":3000}}")));
        String account = gateway.openAccount("Upstream Co", "enterprise");
        String key = gateway.issueKey(account);
        long funded = gateway.grant(account, "100");

        ChatCompletion completion = sdk(key).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini").addUserMessage("hello").build());

        assertThat(completion.choices().get(0).message().content()).contains("Hi from upstream");
        OPENAI.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + PLATFORM_KEY))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini"))));
        assertThat(OPENAI.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))))
                .allSatisfy(request -> {
                    assertThat(request.getHeader("Authorization")).doesNotContain(key);
                    assertThat(request.getBodyAsString()).doesNotContain(key);
                });
        long cost = balanced(1000L * 150_000 + 2000L * 600_000, 8_000);
        assertThat(gateway.balance(key)).isEqualTo(funded - cost);
    }

    @Test
    void theOpenAiSdkReachesAnthropicThroughTheGatewayAndPaysAnthropicsUsage() {
        ANTHROPIC.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":"
                        + "\"claude-3-5-haiku-20241022\",\"content\":[{\"type\":\"text\",\"text\":\"Bonjour\"}],"
                        + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":2000,\"output_tokens\":500}}")));
        String account = gateway.openAccount("Claude fan", "enterprise");
        String key = gateway.issueKey(account);
        long funded = gateway.grant(account, "100");

        ChatCompletion completion = sdk(key).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("claude-3-5-haiku-latest").addSystemMessage("Answer in French.").addUserMessage("Hello").build());

        assertThat(completion.choices().get(0).message().content()).contains("Bonjour");
        ANTHROPIC.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("x-api-key", equalTo(ANTHROPIC_KEY))
                .withRequestBody(matchingJsonPath("$.system", equalTo("Answer in French."))));
        long cost = balanced(2000L * 800_000 + 500L * 4_000_000, 8_000);
        assertThat(gateway.balance(key)).isEqualTo(funded - cost);
    }

    @Test
    void anthropicsMessagesFormatInboundReachesAnyProviderPlainAndStreamed() throws Exception {
        String account = gateway.openAccount("Anthropic client", "starter");
        String key = gateway.issueKey(account);
        long funded = gateway.grant(account, "10");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, java.net.http.HttpRequest> messages = body -> java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(gateway.baseUrl() + "/v1/messages"))
                .header("x-api-key", key).header("anthropic-version", "2023-06-01")
                .header("content-type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

        var plain = http.send(messages.apply("{\"model\":\"sim-echo\",\"max_tokens\":64,\"system\":\"be brief\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello Claude-style\"}]}"),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        JsonNode message = json.readTree(plain.body());
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.at("/content/0/text").asText()).isEqualTo("Hello Claude-style");
        assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
        // the same headers as an OpenAI-format answer: where it went and what it cost
        assertThat(plain.headers().firstValue("X-Switchgear-Model")).contains("sim-echo");
        assertThat(plain.headers().firstValue("X-Switchgear-Provider")).contains("simulator");
        assertThat(plain.headers().firstValue("X-Switchgear-Charged-Credits")).isPresent();
        long input = message.at("/usage/input_tokens").asLong();
        long output = message.at("/usage/output_tokens").asLong();
        long cost = balanced(input * 150_000 + output * 600_000, 4_000);
        assertThat(gateway.balance(key)).isEqualTo(funded - cost);

        var streamed = http.send(messages.apply("{\"model\":\"sim-echo\",\"max_tokens\":64,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Stream like Anthropic does\"}]}"),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        JsonNode finalDelta = null;
        for (String event : streamed.body().split("\n\n")) {
            String[] lines = event.split("\n");
            names.add(lines[0].substring("event: ".length()));
            JsonNode data = json.readTree(lines[1].substring("data: ".length()));
            if ("content_block_delta".equals(data.path("type").asText())) {
                text.append(data.at("/delta/text").asText());
            }
            if ("message_delta".equals(data.path("type").asText())) {
                finalDelta = data;
            }
        }
        assertThat(names.get(0)).isEqualTo("message_start");
        assertThat(names).containsSubsequence("content_block_start", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        assertThat(names.get(names.size() - 1)).isEqualTo("message_stop");
        assertThat(text.toString()).isEqualTo("Stream like Anthropic does");
        assertThat(finalDelta.at("/usage/output_tokens").asLong()).isPositive();
        assertThat(gateway.events(account).size()).isEqualTo(5); // opened, key issued, granted, two charges

        var unauthenticated = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(gateway.baseUrl() + "/v1/messages")).header("x-api-key", "sg-wrong")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(json.readTree(unauthenticated.body()).at("/error/type").asText()).isEqualTo("authentication_error");
        var invalid = http.send(messages.apply("{\"model\":\"sim-echo\",\"messages\":[]}"),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json.readTree(invalid.body()).path("type").asText()).isEqualTo("error");
        assertThat(json.readTree(invalid.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(gateway.events(account).size()).isEqualTo(5);
    }

    @Test
    void theJavaSdksToolCallsPassThroughTheGatewayBothWays() {
        OPENAI.resetAll();
        OPENAI.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"chatcmpl-tools\",\"object\":\"chat.completion\",\"created\":1,"
                        + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                        + "\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":"
                        + "{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
                        + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":80,\"completion_tokens\":20,"
                        + "\"total_tokens\":100}}")));
        String account = gateway.openAccount("Tool user", "enterprise");
        String key = gateway.issueKey(account);
        gateway.grant(account, "10");

        ChatCompletion completion = sdk(key).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini").addUserMessage("Weather in Paris?")
                .addFunctionTool(com.openai.models.FunctionDefinition.builder().name("get_weather")
                        .parameters(com.openai.models.FunctionParameters.builder()
                                .putAdditionalProperty("type", com.openai.core.JsonValue.from("object")).build())
                        .build())
                .seed(7L).temperature(0.1)
                .build());

        var call = completion.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).contains("Paris");
        OPENAI.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.tools[0].function.name", equalTo("get_weather")))
                .withRequestBody(matchingJsonPath("$.seed", equalTo("7")))
                .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.1"))));
    }

    @Test
    void badCallsGetOpenAiShapedErrorsAndChargeNothing() {
        String account = gateway.openAccount("Careful", "free");
        String key = gateway.issueKey(account);
        long funded = gateway.grant(account, "1");
        int events = gateway.events(account).size();

        assertThatThrownBy(() -> sdk("sg-not-a-real-key").chat().completions().create(ChatCompletionCreateParams
                .builder().model("sim-echo").addUserMessage("x").build()))
                .isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> sdk(key).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("no-such-model").addUserMessage("x").build()))
                .isInstanceOf(NotFoundException.class);

        assertOpenAiError(gateway.post("/v1/chat/completions", null, HELLO), 401, "invalid_api_key");
        assertOpenAiError(gateway.post("/v1/chat/completions", key, "{not json"), 400, null);
        assertOpenAiError(gateway.post("/v1/chat/completions", key, "{\"model\":\"sim-echo\"}"), 400, null);
        assertOpenAiError(gateway.post("/v1/chat/completions", key, "{\"messages\":[{\"role\":\"user\"}]}"), 400, null);
        assertOpenAiError(gateway.post("/v1/chat/completions", key,
                "{\"model\":\"sim-echo\",\"max_tokens\":-1,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 400, null);
        assertOpenAiError(gateway.post("/api/v1/admin/accounts", key, "{\"name\":\"x\",\"tier\":\"free\"}"), 403,
                "permission_denied");
        assertOpenAiError(gateway.post("/api/v1/admin/accounts", GatewayClient.ADMIN_KEY,
                "{\"name\":\"x\",\"tier\":\"platinum\"}"), 400, null);
        assertOpenAiError(gateway.post("/api/v1/admin/accounts/" + account + "/credits", GatewayClient.ADMIN_KEY,
                "{\"credits\":\"0.0000001\"}"), 400, null);
        assertOpenAiError(gateway.post("/api/v1/admin/accounts/" + account + "/credits", GatewayClient.ADMIN_KEY,
                "{\"credits\":-5}"), 400, null);

        assertThat(gateway.balance(key)).isEqualTo(funded);
        assertThat(gateway.events(account).size()).isEqualTo(events);
    }

    @Test
    void withoutCreditsACompletionIsRefusedWith402() {
        String account = gateway.openAccount("Broke", "free");
        String key = gateway.issueKey(account);

        GatewayClient.Reply reply = gateway.post("/v1/chat/completions", key, HELLO);

        assertOpenAiError(reply, 402, "insufficient_credits");
        assertThatThrownBy(() -> sdk(key).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("sim-echo").addUserMessage("x").build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(402));
        assertThat(gateway.events(account).size()).isEqualTo(2); // opened, key issued
    }

    @Test
    void anAccountKeySeesOnlyItsOwnAccount() {
        String mine = gateway.openAccount("Mine", "starter");
        String theirs = gateway.openAccount("Theirs", "starter");
        String key = gateway.issueKey(mine);

        assertThat(gateway.get("/api/v1/admin/accounts/" + theirs + "/events", key).status()).isEqualTo(404);
        assertThat(gateway.get("/api/v1/admin/accounts/" + mine + "/events", key).status()).isEqualTo(200);
        assertThat(gateway.post("/api/v1/admin/accounts/" + theirs + "/api-keys", key, null).status()).isEqualTo(403);
        JsonNode result = gateway.graphql(key, "{ account(id: \"" + theirs + "\") { balance } usage(accountId: \""
                + theirs + "\") { totals { requests } } }").body();
        assertThat(result.at("/data/account").isNull()).isTrue();
        assertThat(result.at("/data/usage").isNull()).isTrue();
        assertThat(result.at("/errors/0/extensions/classification").asText()).isEqualTo("NOT_FOUND");
        JsonNode admin = gateway.graphql(GatewayClient.ADMIN_KEY, "{ account(id: \"" + theirs + "\") { name } }").body();
        assertThat(admin.at("/data/account/name").asText()).isEqualTo("Theirs");
        JsonNode anonymous = gateway.graphql(null, "{ account(id: \"" + theirs + "\") { name } }").body();
        assertThat(anonymous.at("/errors/0/extensions/classification").asText()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void twoHundredConcurrentCompletionsOnAnAccountFundedForOneHundredNeverOverspend() throws Exception {
        String probe = gateway.openAccount("Probe", "starter");
        String probeKey = gateway.issueKey(probe);
        long probeFunds = gateway.grant(probe, "1");
        assertThat(gateway.post("/v1/chat/completions", probeKey, HELLO).status()).isEqualTo(200);
        long cost = probeFunds - gateway.balance(probeKey);
        assertThat(cost).isPositive();

        String account = gateway.openAccount("Busy", "starter");
        String key = gateway.issueKey(account);
        long funded = gateway.grant(account, java.math.BigDecimal.valueOf(cost * 100, 6).toPlainString());
        assertThat(funded).isEqualTo(cost * 100);
        // 200 requests in a minute are over the starter tier's 100 (ADR 0017): the admin raises this account's.
        assertThat(gateway.send("PUT", "/api/v1/admin/accounts/" + account + "/rate-limits", GatewayClient.ADMIN_KEY,
                "{\"requests_per_minute\":1000,\"tokens_per_minute\":null}", java.util.Map.of()).statusCode())
                .isEqualTo(200);

        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(pool.submit((Callable<Integer>) () -> gateway.post("/v1/chat/completions", key, HELLO).status()));
        }
        int ok = 0;
        int refused = 0;
        for (Future<Integer> call : calls) {
            int status = call.get(60, TimeUnit.SECONDS);
            if (status == 200) {
                ok++;
            } else {
                assertThat(status).isEqualTo(402);
                refused++;
            }
        }
        pool.shutdown();

        assertThat(ok).isBetween(1, 100);
        assertThat(ok + refused).isEqualTo(200);
        long balance = gateway.balance(key);
        assertThat(balance).isEqualTo(funded - ok * cost).isNotNegative();
        List<CreditAccountEvent> history = journal.read(new AccountId(account), 0).stream()
                .map(CreditAccountJournal.Recorded::payload).toList();
        assertThat(CreditPosition.replay(history).balance().value()).isEqualTo(balance);
    }

    @Test
    void theJavaSdkStreamsAndTheStreamIsChargedExactlyLikeAPlainCall() {
        String account = gateway.openAccount("Streamer", "starter");
        String key = gateway.issueKey(account);
        long funded = gateway.grant(account, "10");
        StringBuilder text = new StringBuilder();
        long[] usage = new long[2];

        try (var stream = sdk(key).chat().completions().createStreaming(ChatCompletionCreateParams.builder()
                .model("sim-echo").addUserMessage("Stream this sentence back to me, please.")
                .streamOptions(com.openai.models.chat.completions.ChatCompletionStreamOptions.builder()
                        .includeUsage(true).build())
                .build())) {
            stream.stream().forEach(chunk -> {
                chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
                chunk.usage().ifPresent(u -> {
                    usage[0] = u.promptTokens();
                    usage[1] = u.completionTokens();
                });
            });
        }

        assertThat(text.toString()).isEqualTo("Stream this sentence back to me, please.");
        assertThat(usage[1]).isPositive();
        long cost = balanced(usage[0] * 150_000 + usage[1] * 600_000, 4_000);
        assertThat(gateway.balance(key)).isEqualTo(funded - cost);
        JsonNode charged = gateway.events(account).get(3); // opened, key issued, granted, charged
        assertThat(charged.at("/payload/usageEstimated").asBoolean()).isFalse();
        assertThat(charged.at("/payload/charged").asLong()).isEqualTo(cost);
    }

    @Test
    void aStreamWithoutTheUsageOptionHidesTheUsageChunkButIsStillCharged() {
        String account = gateway.openAccount("Quiet streamer", "starter");
        String key = gateway.issueKey(account);
        long funded = gateway.grant(account, "10");

        GatewayClient.Reply reply = gateway.post("/v1/chat/completions", key,
                "{\"model\":\"sim-echo\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        String body = reply.raw().body();
        assertThat(body).endsWith("data: [DONE]\n\n").doesNotContain("\"usage\"");
        assertThat(gateway.balance(key)).isLessThan(funded);
    }

    @Test
    void aRefusedStreamIsAnOrdinaryOpenAiError() {
        String account = gateway.openAccount("Poor streamer", "free");
        String key = gateway.issueKey(account);
        GatewayClient.Reply reply = gateway.post("/v1/chat/completions", key,
                "{\"model\":\"sim-echo\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertOpenAiError(reply, 402, "insufficient_credits");
    }

    @Test
    void modelsAreListedInOpenAisShapeAndOversizedBodiesAreRefused() {
        String account = gateway.openAccount("Lister", "enterprise");
        String key = gateway.issueKey(account);

        var models = sdk(key).models().list();
        assertThat(models.data()).extracting(m -> m.id()).contains("sim-echo", "gpt-4o-mini");
        assertThat(gateway.get("/api/v1/llm/models", key).body().at("/object").asText()).isEqualTo("list");

        String huge = "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(5 * 1024 * 1024) + "\"}]}";
        assertOpenAiError(gateway.post("/v1/chat/completions", key, huge), 413, "request_too_large");
    }

    private JsonNode awaitUsageRows(String key, String account, int rows) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonNode usage;
        do {
            usage = gateway.graphql(key, "{ usage(accountId: \"" + account + "\") { rows { requestId inputTokens "
                    + "outputTokens chargedMicroCredits } totals { requests chargedMicroCredits } } }")
                    .body().at("/data/usage");
            if (usage.at("/rows").size() >= rows) {
                return usage;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the usage projection did not show " + rows + " rows: " + usage);
    }

    private static void assertOpenAiError(GatewayClient.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(status);
        assertThat(reply.body().at("/error/message").asText()).isNotBlank();
        assertThat(reply.body().at("/error/type").asText()).isNotBlank();
        if (code != null) {
            assertThat(reply.body().at("/error/code").asText()).isEqualTo(code);
        }
    }

    /**
     * The cost of a usage whose list price comes to {@code tokensTimesPricePer1k} / 1000 micro-credits,
     * at the default power level, Balanced (0.25×), with the tier's markup in basis points (Starter
     * 4,000, Enterprise 8,000), rounded up once.
     */
    static long balanced(long tokensTimesPricePer1k, long markupBasisPoints) {
        return -Math.floorDiv(-tokensTimesPricePer1k * 2_500 * (10_000 + markupBasisPoints), 100_000_000_000L);
    }
}
