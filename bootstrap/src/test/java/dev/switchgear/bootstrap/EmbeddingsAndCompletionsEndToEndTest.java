package dev.switchgear.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code POST /v1/embeddings} and {@code POST /v1/completions} end to end (ADR 0022), with the
 * official OpenAI Java SDK against the booted gateway and its built-in simulator: embeddings in
 * float and base64, legacy completions plain and streamed, each charged exactly (hand-computed from
 * the catalog's prices, the Balanced level's 0.25× and the Starter tier's 40 % markup); bad input and
 * a model that does not serve the endpoint refused with 400 in OpenAI's shape, charging nothing;
 * and the endpoints each model serves in {@code /v1/models} and the catalog.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddingsAndCompletionsEndToEndTest {

    /** sim-embed's price: $0.10 per 1M input tokens. */
    private static final long SIM_EMBED_PER_1K = 100_000;
    /** sim-echo's prices per 1K input and output tokens. */
    private static final long SIM_ECHO_IN = 150_000;
    private static final long SIM_ECHO_OUT = 600_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A stub of OpenAI's API; OpenAI has no platform key here, so only a caller's own key reaches it. */
    private static final WireMockServer OPENAI = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private static final String OWN_KEY = "sk-" + "embedCanary" + java.util.UUID.randomUUID().toString().replace("-", "");

    static {
        OPENAI.start();
    }

    @AfterAll
    static void stopStub() {
        OPENAI.stop();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "embeddings");
        registry.add("switchgear.providers.openai.base-url", () -> OPENAI.baseUrl() + "/v1");
    }

    @LocalServerPort
    int port;

    GatewayClient gateway;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        gateway = new GatewayClient(port);
    }

    private OpenAIClient sdk(String key) {
        return OpenAIOkHttpClient.builder().apiKey(key).baseUrl(gateway.baseUrl() + "/v1").maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    /** Balanced (0.25×) with the Starter tier's markup (+40 %), rounded up once. */
    private static long starterBalanced(long tokensTimesPricePer1k) {
        return GatewayEndToEndTest.balanced(tokensTimesPricePer1k, 4_000);
    }

    /** The simulator's token rule: a token per four bytes of UTF-8, rounded up. */
    private static long simTokens(String text) {
        return (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 3) / 4;
    }

    private HttpResponse<String> send(String path, String key, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String starter(String name) {
        String account = gateway.openAccount(name, "starter");
        String key = gateway.issueKey(account);
        gateway.grant(account, "10");
        return key;
    }

    @Test
    void theJavaSdkEmbedsInFloatAndBase64AndEachCallIsChargedExactlyForItsInputTokens() throws Exception {
        String account = gateway.openAccount("Vectors Inc", "starter");
        String key = gateway.issueKey(account);
        long funded = gateway.grant(account, "10");
        List<String> texts = List.of("hello world", "a second, longer text to embed");
        long tokens = simTokens(texts.get(0)) + simTokens(texts.get(1));
        long cost = starterBalanced(tokens * SIM_EMBED_PER_1K);

        CreateEmbeddingResponse floats = sdk(key).embeddings().create(EmbeddingCreateParams.builder()
                .model("sim-embed").inputOfArrayOfStrings(texts).dimensions(16)
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());

        assertThat(floats.data()).hasSize(2);
        assertThat(floats.data().get(1).index()).isEqualTo(1);
        List<Float> first = floats.data().get(0).embedding();
        assertThat(first).hasSize(16);
        assertThat(first.stream().mapToDouble(v -> (double) v * v).sum()).isCloseTo(1.0, offset(1e-5));
        assertThat(floats.usage().promptTokens()).isEqualTo(tokens);
        assertThat(floats.usage().totalTokens()).isEqualTo(tokens);
        assertThat(gateway.balance(key)).isEqualTo(funded - cost);

        CreateEmbeddingResponse base64 = sdk(key).embeddings().create(EmbeddingCreateParams.builder()
                .model("sim-embed").inputOfArrayOfStrings(texts).dimensions(16)
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64).build());
        assertThat(base64.data().get(0).embeddingValue().isBase64()).isTrue();
        assertThat(base64.data().get(0).embedding()).as("the same vector, decoded from little-endian float32")
                .isEqualTo(first);
        assertThat(gateway.balance(key)).isEqualTo(funded - 2 * cost);

        HttpResponse<String> raw = send("/v1/embeddings", key, "{\"model\":\"sim-embed\",\"input\":\"hello world\","
                + "\"encoding_format\":\"base64\",\"dimensions\":16}", Map.of());
        assertThat(raw.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(raw.body());
        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.at("/data/0/object").asText()).isEqualTo("embedding");
        assertThat(body.at("/data/0/embedding").isTextual()).isTrue();
        assertThat(body.path("model").asText()).isEqualTo("sim-embed");
        long oneCost = starterBalanced(simTokens("hello world") * SIM_EMBED_PER_1K);
        assertThat(raw.headers().firstValue("X-Switchgear-Charged-Credits")).contains(
                java.math.BigDecimal.valueOf(oneCost, 6).toPlainString());
        assertThat(gateway.balance(key)).isEqualTo(funded - 2 * cost - oneCost);

        JsonNode events = gateway.events(account);
        JsonNode charge = events.get(events.size() - 1);
        assertThat(charge.path("type").asText()).isEqualTo("UsageCharged");
        assertThat(charge.at("/payload/model").asText()).isEqualTo("sim-embed");
        assertThat(charge.at("/payload/inputTokens").asLong()).isEqualTo(simTokens("hello world"));
        assertThat(charge.at("/payload/outputTokens").asLong()).isZero();
        assertThat(charge.at("/payload/charged").asLong()).isEqualTo(oneCost);

        JsonNode explained = explain(key, raw.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(explained.toString()).contains("sim-embed");
        JsonNode usage = awaitUsageRows(key, account, 3);
        assertThat(usage.at("/totals/chargedMicroCredits").asLong()).isEqualTo(2 * cost + oneCost);
    }

    @Test
    void aCallersOwnOpenAiKeyEmbedsWithTextEmbedding3AtTheByokFeeAndTheTierGateOpensOnlyWithIt() throws Exception {
        OPENAI.stubFor(post(urlEqualTo("/v1/embeddings")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                + "\"embedding\":[0.6,0.8]}],\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":3,"
                + "\"total_tokens\":3}}")));
        String account = gateway.openAccount("Own keys", "starter");
        String key = gateway.issueKey(account);
        long funded = gateway.grant(account, "10");
        String body = "{\"model\":\"text-embedding-3-small\",\"input\":\"my own key\",\"encoding_format\":\"base64\"}";

        HttpResponse<String> withoutKey = send("/v1/embeddings", key, body, Map.of());
        assertThat(withoutKey.statusCode()).as("an Enterprise model for a Starter account: " + withoutKey.body())
                .isEqualTo(403);
        assertThat(JSON.readTree(withoutKey.body()).at("/error/code").asText()).isEqualTo("model_not_allowed");
        assertThat(gateway.balance(key)).isEqualTo(funded);

        GatewayClient.Reply added = gateway.post("/api/v1/byok/keys/add", key,
                "{\"provider\":\"openai\",\"api_key\":\"" + OWN_KEY + "\"}");
        assertThat(added.status()).as(added.raw().body()).isEqualTo(201);
        HttpResponse<String> own = send("/v1/embeddings", key, body, Map.of());

        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        OPENAI.verify(postRequestedFor(urlEqualTo("/v1/embeddings"))
                .withHeader("Authorization", equalTo("Bearer " + OWN_KEY))
                .withRequestBody(matchingJsonPath("$.model", equalTo("text-embedding-3-small"))));
        JsonNode answer = JSON.readTree(own.body());
        assertThat(answer.at("/data/0/embedding").asText()).as("re-encoded as the caller asked")
                .isEqualTo(dev.switchgear.adapter.wire.openai.OpenAiEmbeddings.toBase64(new float[] {0.6f, 0.8f}));
        assertThat(own.headers().firstValue("X-Switchgear-Charged-Credits")).contains("0.000000");
        assertThat(own.body()).doesNotContain(OWN_KEY);
        assertThat(gateway.balance(key)).isEqualTo(funded);
        JsonNode events = gateway.events(account);
        JsonNode charge = events.get(events.size() - 1);
        assertThat(charge.path("type").asText()).isEqualTo("UsageCharged");
        assertThat(charge.at("/payload/byok").asBoolean()).isTrue();
        assertThat(charge.at("/payload/inputTokens").asLong()).isEqualTo(3);
        assertThat(charge.toString()).doesNotContain(OWN_KEY);
    }

    @Test
    void anEmbeddingsRequestNamedByItsCallerIsChargedOnceAndItsRetryAnsweredFromTheKeptAnswer() throws Exception {
        String key = starter("Retrier");
        long before = gateway.balance(key);
        String body = "{\"model\":\"sim-embed\",\"input\":[\"retry me\"],\"dimensions\":4}";
        HttpResponse<String> first = send("/v1/embeddings", key, body, Map.of("X-Request-Id", "embed-retry-1"));
        HttpResponse<String> retry = send("/v1/embeddings", key, body, Map.of("X-Request-Id", "embed-retry-1"));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.headers().firstValue("X-Switchgear-Replayed")).contains("true");
        assertThat(JSON.readTree(retry.body())).isEqualTo(JSON.readTree(first.body()));
        assertThat(gateway.balance(key)).isEqualTo(before - starterBalanced(simTokens("retry me") * SIM_EMBED_PER_1K));
    }

    @Test
    void theJavaSdkGetsLegacyCompletionsPlainAndStreamedEachChargedExactlyLikeChat() throws Exception {
        String account = gateway.openAccount("Legacy Co", "starter");
        String key = gateway.issueKey(account);
        long funded = gateway.grant(account, "10");
        String prompt = "Hello from the legacy prompt API";

        Completion plain = sdk(key).completions().create(CompletionCreateParams.builder()
                .model("sim-echo").prompt(prompt).maxTokens(64).build());

        assertThat(plain.choices()).singleElement().satisfies(c -> assertThat(c.text()).isEqualTo(prompt));
        long in = plain.usage().orElseThrow().promptTokens();
        long out = plain.usage().orElseThrow().completionTokens();
        assertThat(in).isEqualTo(simTokens(prompt));
        assertThat(out).isEqualTo(simTokens(prompt));
        long plainCost = starterBalanced(in * SIM_ECHO_IN + out * SIM_ECHO_OUT);
        assertThat(gateway.balance(key)).isEqualTo(funded - plainCost);

        String streamedPrompt = "Stream this old-style completion back, please";
        StringBuilder text = new StringBuilder();
        List<Completion> chunks = new ArrayList<>();
        try (StreamResponse<Completion> stream = sdk(key).completions().createStreaming(CompletionCreateParams.builder()
                .model("sim-echo").prompt(streamedPrompt).maxTokens(64)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                chunk.choices().forEach(c -> text.append(c.text()));
            });
        }
        assertThat(text.toString()).isEqualTo(streamedPrompt);
        var streamedUsage = chunks.get(chunks.size() - 1).usage().orElseThrow();
        assertThat(streamedUsage.promptTokens()).isEqualTo(simTokens(streamedPrompt));
        long streamCost = starterBalanced(streamedUsage.promptTokens() * SIM_ECHO_IN
                + streamedUsage.completionTokens() * SIM_ECHO_OUT);
        assertThat(gateway.balance(key)).isEqualTo(funded - plainCost - streamCost);

        HttpResponse<String> raw = send("/v1/completions", key, "{\"model\":\"sim-echo\",\"prompt\":\"abc\","
                + "\"stream\":true}", Map.of());
        assertThat(raw.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> data = new ArrayList<>();
        for (String line : raw.body().split("\n")) {
            if (line.startsWith("data: ")) {
                data.add(line.substring(6));
            }
        }
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        assertThat(data.subList(0, data.size() - 1)).allSatisfy(d -> {
            JsonNode chunk = JSON.readTree(d);
            assertThat(chunk.path("object").asText()).isEqualTo("text_completion");
            assertThat(chunk.has("usage")).as("no usage chunk unless asked for").isFalse();
        });
        JsonNode events = gateway.events(account);
        assertThat(events.get(events.size() - 1).at("/payload/model").asText()).isEqualTo("sim-echo");
        assertThat(events.get(events.size() - 1).at("/payload/charged").asLong())
                .isEqualTo(starterBalanced(1 * SIM_ECHO_IN + 1 * SIM_ECHO_OUT));
    }

    @Test
    void badInputOnEachNewEndpointIsA400InOpenAisShapeAndChangesNothing() throws Exception {
        String account = gateway.openAccount("Careless", "starter");
        String key = gateway.issueKey(account);
        long funded = gateway.grant(account, "10");
        int events = gateway.events(account).size();
        Map<String, String> embeddings = Map.ofEntries(
                Map.entry("", "empty body"),
                Map.entry("[]", "not an object"),
                Map.entry("{\"input\":\"x\"}", "model"),
                Map.entry("{\"model\":\"sim-embed\"}", "input"),
                Map.entry("{\"model\":\"sim-embed\",\"input\":[]}", "input"),
                Map.entry("{\"model\":\"sim-embed\",\"input\":[\"a\",3]}", "input"),
                Map.entry("{\"model\":\"sim-embed\",\"input\":\"\"}", "input"),
                Map.entry("{\"model\":\"sim-embed\",\"input\":\"x\",\"dimensions\":0}", "dimensions"),
                Map.entry("{\"model\":\"sim-embed\",\"input\":\"x\",\"dimensions\":\"8\"}", "dimensions"),
                Map.entry("{\"model\":\"sim-embed\",\"input\":\"x\",\"encoding_format\":\"int8\"}", "encoding_format"),
                Map.entry("{\"model\":\"sim-embed\",\"input\":\"x\",\"user\":1}", "user"),
                Map.entry("{\"model\":\"sim-embed\",\"input\":\"x\",\"dimensions\":99999999}", "dimensions"));
        for (var bad : embeddings.entrySet()) {
            assertOpenAi400(send("/v1/embeddings", key, bad.getKey(), Map.of()), bad.getValue());
        }
        Map<String, String> completions = Map.ofEntries(
                Map.entry("{\"prompt\":\"x\"}", "model"),
                Map.entry("{\"model\":\"sim-echo\"}", "prompt"),
                Map.entry("{\"model\":\"sim-echo\",\"prompt\":[]}", "prompt"),
                Map.entry("{\"model\":\"sim-echo\",\"prompt\":{\"text\":\"x\"}}", "prompt"),
                Map.entry("{\"model\":\"sim-echo\",\"prompt\":[1,\"a\"]}", "prompt"),
                Map.entry("{\"model\":\"sim-echo\",\"prompt\":\"x\",\"max_tokens\":-1}", "max_tokens"),
                Map.entry("{\"model\":\"sim-echo\",\"prompt\":\"x\",\"max_tokens\":1.5}", "max_tokens"),
                Map.entry("{\"model\":\"sim-echo\",\"prompt\":\"x\",\"temperature\":3}", "temperature"),
                Map.entry("{\"model\":\"sim-echo\",\"prompt\":\"x\",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}", "stop"),
                Map.entry("{\"model\":\"sim-echo\",\"prompt\":\"x\",\"stop\":7}", "stop"),
                Map.entry("{\"model\":\"sim-echo\",\"prompt\":\"x\",\"suffix\":7}", "suffix"),
                Map.entry("{\"model\":\"sim-echo\",\"prompt\":\"x\",\"echo\":\"yes\"}", "echo"),
                Map.entry("{\"model\":\"sim-echo\",\"prompt\":\"x\",\"logprobs\":6}", "logprobs"),
                Map.entry("{\"model\":\"sim-echo\",\"prompt\":\"x\",\"n\":2,\"best_of\":1}", "best_of"),
                Map.entry("{\"model\":\"sim-echo\",\"prompt\":\"x\",\"stream\":\"yes\"}", "stream"),
                Map.entry("{\"model\":\"sim-echo\",\"prompt\":\"x\",\"stream\":true,\"stream_options\":1}",
                        "stream_options"));
        for (var bad : completions.entrySet()) {
            assertOpenAi400(send("/v1/completions", key, bad.getKey(), Map.of()), bad.getValue());
        }
        assertThat(gateway.balance(key)).isEqualTo(funded);
        assertThat(gateway.events(account).size()).isEqualTo(events);
    }

    @Test
    void aModelThatCannotServeTheEndpointIsA400ModelNotSupportedForEndpointChargingNothing() throws Exception {
        String account = gateway.openAccount("Mismatched", "enterprise");
        String key = gateway.issueKey(account);
        long funded = gateway.grant(account, "10");
        int events = gateway.events(account).size();
        String chat = "{\"model\":\"sim-embed\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        assertMismatch(send("/v1/embeddings", key, "{\"model\":\"sim-echo\",\"input\":\"x\"}", Map.of()));
        assertMismatch(send("/v1/chat/completions", key, chat, Map.of()));
        assertMismatch(send("/v1/completions", key, "{\"model\":\"sim-embed\",\"prompt\":\"x\"}", Map.of()));
        assertMismatch(send("/v1/completions", key, "{\"model\":\"gpt-4o-mini\",\"prompt\":\"x\"}", Map.of()));
        assertMismatch(send("/v1/embeddings", key, "{\"model\":\"auto\",\"input\":\"x\"}", Map.of()));
        HttpResponse<String> messages = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/messages"))
                .header("x-api-key", key).header("anthropic-version", "2023-06-01")
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"sim-embed\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(messages.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(messages.body()).path("type").asText()).as("Anthropic's shape on its route")
                .isEqualTo("error");
        assertThat(JSON.readTree(messages.body()).at("/error/message").asText()).contains("does not serve");

        assertThat(gateway.balance(key)).isEqualTo(funded);
        assertThat(gateway.events(account).size()).isEqualTo(events);
    }

    @Test
    void modelsAndTheCatalogShowWhichEndpointsEachModelServesAndTheAdminDefinesThem() throws Exception {
        String key = starter("Browser");
        JsonNode models = gateway.get("/v1/models", key).body();
        assertThat(endpointsOf(models.path("data"), "sim-echo"))
                .containsExactly("chat.completions", "responses", "messages", "completions");
        assertThat(endpointsOf(models.path("data"), "sim-embed")).containsExactly("embeddings");
        JsonNode catalog = gateway.get("/api/v1/llm/catalog/models", key).body();
        assertThat(endpointsOf(catalog.path("models"), "text-embedding-3-small")).containsExactly("embeddings");
        assertThat(endpointsOf(catalog.path("models"), "gpt-4o")).containsExactly("chat.completions", "responses",
                "messages");
        assertThat(endpointsOf(catalog.path("models"), "embed-v4.0")).containsExactly("embeddings");
        assertThat(endpointsOf(catalog.path("models"), "gemini-embedding-001")).containsExactly("embeddings");

        GatewayClient.Reply defined = gateway.post("/api/v1/llm/models", GatewayClient.ADMIN_KEY, "{\"id\":\"my-embed\","
                + "\"provider\":\"simulator\",\"upstream_model\":\"sim-embed\",\"input_per_1k\":20000,\"output_per_1k\":0,"
                + "\"context_tokens\":8191,\"default_max_output_tokens\":0,\"quality\":50,\"endpoints\":[\"embeddings\"]}");
        assertThat(defined.status()).as(defined.raw().body()).isEqualTo(200);
        assertThat(endpointsOf(gateway.get("/api/v1/llm/catalog/models", key).body().path("models"), "my-embed"))
                .containsExactly("embeddings");
        HttpResponse<String> viaAlias = send("/v1/embeddings", key, "{\"model\":\"my-embed\",\"input\":\"x\"}", Map.of());
        assertThat(viaAlias.statusCode()).as(viaAlias.body()).isEqualTo(200);

        GatewayClient.Reply unknown = gateway.post("/api/v1/llm/models", GatewayClient.ADMIN_KEY, "{\"id\":\"bad\","
                + "\"provider\":\"simulator\",\"input_per_1k\":1,\"output_per_1k\":1,\"context_tokens\":10,"
                + "\"default_max_output_tokens\":5,\"quality\":5,\"endpoints\":[\"images\"]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().at("/error/param").asText()).isEqualTo("endpoints");
    }

    private static List<String> endpointsOf(JsonNode models, String id) {
        for (JsonNode model : models) {
            if (id.equals(model.path("id").asText())) {
                List<String> endpoints = new ArrayList<>();
                model.path("endpoints").forEach(e -> endpoints.add(e.asText()));
                return endpoints;
            }
        }
        throw new AssertionError("no model " + id + " in " + models);
    }

    private static void assertOpenAi400(HttpResponse<String> reply, String what) throws Exception {
        assertThat(reply.statusCode()).as(what + ": " + reply.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(reply.body()).path("error");
        assertThat(error.path("type").asText()).as(what).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).as(what).isNotBlank();
        if (!what.contains(" ")) {
            assertThat(error.path("param").asText()).as(what + ": " + reply.body()).isEqualTo(what);
        }
    }

    private static void assertMismatch(HttpResponse<String> reply) throws Exception {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(reply.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asText()).isEqualTo("model_not_supported_for_endpoint");
    }

    private JsonNode explain(String key, String requestId) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        GatewayClient.Reply reply;
        do {
            reply = gateway.get("/api/v1/llm/requests/" + requestId + "/explain", key);
            if (reply.status() == 200) {
                return reply.body();
            }
            Thread.sleep(50);
        } while (System.nanoTime() < until);
        throw new AssertionError("no explanation for " + requestId + ": " + reply.raw().body());
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
}
