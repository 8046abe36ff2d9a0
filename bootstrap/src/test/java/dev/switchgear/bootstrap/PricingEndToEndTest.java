package dev.switchgear.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Prices that match the provider's bill (ADR 0023), through the booted gateway: a local stub
 * answers as OpenAI, Anthropic, Gemini and Cohere document their answers — with cache reads, cache
 * writes (Anthropic's 5-minute and 1-hour ones) and reasoning in the usage, plain and streamed —
 * and each call is charged exactly the hand-computed amount at the default catalog's list prices,
 * the charge records each factor (the parts and their rates), and the caller sees the parts: in
 * OpenAI's shape on the OpenAI routes, in Anthropic's on {@code /v1/messages}.
 *
 * <p>Every account is Enterprise (markup +80 %) at the default power level, Balanced (0.25×), so a
 * list cost of L micro-credits ×1000 is charged {@code ceil(L × 0.45 / 1000)}.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PricingEndToEndTest {

    private static final WireMockServer VENDORS = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        VENDORS.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "pricing");
        registry.add("switchgear.providers.openai.base-url", () -> VENDORS.baseUrl() + "/v1");
        registry.add("switchgear.providers.openai.api-key", () -> "sk-openai-pricing-test-0123456789abcdef");
        registry.add("switchgear.providers.anthropic.base-url", VENDORS::baseUrl);
        registry.add("switchgear.providers.anthropic.api-key", () -> "sk-ant-api03-pricing-test-0123456789");
        registry.add("switchgear.providers.gemini.base-url", VENDORS::baseUrl);
        registry.add("switchgear.providers.gemini.api-key", () -> "AIzaPricingTest0123456789abcdefghijklmn");
        registry.add("switchgear.providers.cohere.base-url", VENDORS::baseUrl);
        registry.add("switchgear.providers.cohere.api-key", () -> "cohere-pricing-test-0123456789abcdef");
    }

    @BeforeAll
    static void vendors() {
        // OpenAI, plain: gpt-4o, 1,920 of 2,006 prompt tokens read from the cache (prompt_tokens includes them)
        VENDORS.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(matchingJsonPath("$.model",
                equalTo("gpt-4o"))).willReturn(json("""
                {"id":"chatcmpl-cached","object":"chat.completion","created":1,"model":"gpt-4o-2024-08-06",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"From the cache."},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":2006,"completion_tokens":300,"total_tokens":2306,
                 "prompt_tokens_details":{"cached_tokens":1920,"audio_tokens":0},
                 "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0}}}""")));
        // OpenAI, streamed: o3-mini, 1,024 cached prompt tokens, 1,000 of 1,200 completion tokens reasoning
        VENDORS.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(matchingJsonPath("$.model",
                equalTo("o3-mini"))).willReturn(sse(
                "data: {\"id\":\"chatcmpl-r\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"o3-mini\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Reasoned.\"},"
                        + "\"finish_reason\":null}]}\n\n"
                + "data: {\"id\":\"chatcmpl-r\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"o3-mini\","
                        + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: {\"id\":\"chatcmpl-r\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"o3-mini\","
                        + "\"choices\":[],\"usage\":{\"prompt_tokens\":1500,\"completion_tokens\":1200,"
                        + "\"total_tokens\":2700,\"prompt_tokens_details\":{\"cached_tokens\":1024},"
                        + "\"completion_tokens_details\":{\"reasoning_tokens\":1000}}}\n\n"
                + "data: [DONE]\n\n")));
        // Anthropic, plain: input_tokens excludes 10,000 cache reads and 2,000 cache writes (1,500 for 5m, 500 for 1h)
        VENDORS.stubFor(post(urlEqualTo("/v1/messages")).atPriority(5).willReturn(json("""
                {"id":"msg_cached","type":"message","role":"assistant","model":"claude-sonnet-4-20250514",
                 "content":[{"type":"text","text":"Cached context read."}],"stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":50,"cache_creation_input_tokens":2000,"cache_read_input_tokens":10000,
                 "cache_creation":{"ephemeral_5m_input_tokens":1500,"ephemeral_1h_input_tokens":500},
                 "output_tokens":400,"service_tier":"standard"}}""")));
        // Anthropic, streamed: message_start reports a 2,000-token cache write, message_delta the output
        VENDORS.stubFor(post(urlEqualTo("/v1/messages")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true"))).willReturn(sse(String.join("",
                        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_s\",",
                        "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-20250514\",",
                        "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":50,",
                        "\"cache_creation_input_tokens\":2000,\"cache_read_input_tokens\":0,\"output_tokens\":1}}}\n\n",
                        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,",
                        "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
                        "event: ping\ndata: {\"type\":\"ping\"}\n\n",
                        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,",
                        "\"delta\":{\"type\":\"text_delta\",\"text\":\"Written to the cache.\"}}\n\n",
                        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
                        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",",
                        "\"stop_sequence\":null},\"usage\":{\"output_tokens\":300}}\n\n",
                        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"))));
        // Gemini, plain: promptTokenCount includes 8,000 tokens of cached content
        VENDORS.stubFor(post(urlEqualTo("/v1beta/models/gemini-2.0-flash:generateContent")).willReturn(json("""
                {"candidates":[{"content":{"role":"model","parts":[{"text":"From cached content."}]},
                 "finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":10000,
                 "cachedContentTokenCount":8000,"candidatesTokenCount":500,"totalTokenCount":10500},
                 "modelVersion":"gemini-2.0-flash","responseId":"gem-1"}""")));
        // Gemini, streamed: thoughtsTokenCount apart from candidatesTokenCount, on the last response
        VENDORS.stubFor(post(urlEqualTo("/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse"))
                .willReturn(sse("data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Thought \"}]}}],"
                        + "\"usageMetadata\":{\"promptTokenCount\":1200,\"candidatesTokenCount\":2}}\r\n\r\n"
                        + "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"through.\"}]},"
                        + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":1200,"
                        + "\"cachedContentTokenCount\":1024,\"candidatesTokenCount\":80,\"thoughtsTokenCount\":700,"
                        + "\"totalTokenCount\":1980}}\r\n\r\n")));
        // Cohere, plain and streamed: billed units (what Cohere charges), not the tokens processed
        VENDORS.stubFor(post(urlEqualTo("/v2/chat")).atPriority(5).willReturn(json("""
                {"id":"co-1","message":{"role":"assistant","content":[{"type":"text","text":"Billed units."}]},
                 "finish_reason":"COMPLETE","usage":{"billed_units":{"input_tokens":1200,"output_tokens":300},
                 "tokens":{"input_tokens":1400,"output_tokens":300}}}""")));
        VENDORS.stubFor(post(urlEqualTo("/v2/chat")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true"))).willReturn(sse(String.join("",
                        "event: message-start\ndata: {\"id\":\"co-2\",\"type\":\"message-start\",\"delta\":{\"message\":",
                        "{\"role\":\"assistant\",\"content\":[]}}}\n\n",
                        "event: content-delta\ndata: {\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":",
                        "{\"content\":{\"text\":\"Streamed units.\"}}}}\n\n",
                        "event: message-end\ndata: {\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\",",
                        "\"usage\":{\"billed_units\":{\"input_tokens\":77,\"output_tokens\":13},",
                        "\"tokens\":{\"input_tokens\":90,\"output_tokens\":13}}}}\n\n"))));
    }

    @AfterAll
    static void stopVendors() {
        VENDORS.stop();
    }

    @LocalServerPort
    int port;

    GatewayClient gateway;
    String key;
    String account;

    @BeforeEach
    void setUp() {
        gateway = new GatewayClient(port);
        account = gateway.openAccount("Cache user", "enterprise");
        key = gateway.issueKey(account);
        gateway.grant(account, "1000");
    }

    @Test
    void openAisCachedPromptTokensAreChargedAtTheCachedRateAndShownToTheSdk() {
        long before = gateway.balance(key);
        OpenAIClient sdk = OpenAIOkHttpClient.builder().apiKey(key).baseUrl(gateway.baseUrl() + "/v1").maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();

        ChatCompletion completion = sdk.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o").maxCompletionTokens(400).addUserMessage("Summarise the cached document").build());

        assertThat(completion.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens())
                .contains(1920L);
        // 86 × 2,500,000 + 1,920 × 1,250,000 + 300 × 10,000,000 = 5,615,000,000; × 0.45 / 1000 = 2,526,750
        long cost = 2_526_750;
        assertThat(gateway.balance(key)).isEqualTo(before - cost);
        JsonNode charge = lastCharge();
        assertThat(charge.path("charged").asLong()).isEqualTo(cost);
        assertFactors(charge, 2006, 300, 1920, 0, 0, 0);
        assertRates(charge, 2_500_000, 10_000_000, 1_250_000, 2_500_000, 2_500_000, 10_000_000);
        // the usage rows are projected a moment after the charge: wait for this one, then read it there and
        // in the explanation (which is then answered from the projection)
        JsonNode graphRow = projectedRow();
        assertThat(graphRow.path("cachedInputTokens").asLong()).as(graphRow.toString()).isEqualTo(1920);
        assertThat(graphRow.path("reasoningTokens").asLong()).isZero();
        JsonNode explained = explain(charge.path("requestId").asText());
        assertThat(explained.path("cached_input_tokens").asLong()).as(explained.toString()).isEqualTo(1920);
        assertThat(explained.path("input_tokens").asLong()).isEqualTo(2006);
        assertThat(explained.has("cache_write_5m_tokens")).as(explained.toString()).isTrue();
        assertThat(explained.path("reasoning_tokens").asLong(-1)).isZero();
        JsonNode row = gateway.get("/api/v1/llm/credits/history", key).body().at("/transactions/0");
        assertThat(row.path("type").asText()).isEqualTo("usage");
        assertThat(row.path("cached_input_tokens").asLong()).isEqualTo(1920);
        assertThat(row.at("/prices_per_1k/cached_input").asLong()).isEqualTo(1_250_000);
    }

    @Test
    void openAisReasoningTokensInAStreamedUsageChunkAreChargedAtTheReasoningRate() throws Exception {
        long before = gateway.balance(key);

        GatewayClient.Reply reply = gateway.post("/v1/chat/completions", key, "{\"model\":\"o3-mini\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"max_tokens\":2000,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Think first\"}]}");

        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
        JsonNode usage = lastUsageChunk(reply.raw().body());
        assertThat(usage.at("/completion_tokens_details/reasoning_tokens").asLong()).isEqualTo(1000);
        // 476 × 1,100,000 + 1,024 × 550,000 + 200 × 4,400,000 + 1,000 × 4,400,000 = 6,366,800,000;
        // × 0.45 / 1000 = 2,865,060
        long cost = 2_865_060;
        assertThat(gateway.balance(key)).isEqualTo(before - cost);
        JsonNode charge = lastCharge();
        assertThat(charge.path("cost").asLong()).isEqualTo(cost);
        assertFactors(charge, 1500, 1200, 1024, 0, 0, 1000);
        assertRates(charge, 1_100_000, 4_400_000, 550_000, 1_100_000, 1_100_000, 4_400_000);
    }

    @Test
    void anthropicsCacheReadsAndBothWritesAreChargedOnceEachAndShownInEitherShape() throws Exception {
        long before = gateway.balance(key);

        GatewayClient.Reply chat = gateway.post("/v1/chat/completions", key, "{\"model\":\"claude-sonnet-4-0\","
                + "\"max_tokens\":500,\"messages\":[{\"role\":\"user\",\"content\":\"Use the cached context\"}]}");
        HttpResponse<String> messages = gateway.send("POST", "/v1/messages", null, "{\"model\":\"claude-sonnet-4-0\","
                + "\"max_tokens\":500,\"messages\":[{\"role\":\"user\",\"content\":\"Use the cached context\"}]}",
                Map.of("x-api-key", key, "anthropic-version", "2023-06-01"));

        assertThat(chat.status()).as(chat.raw().body()).isEqualTo(200);
        assertThat(chat.body().at("/usage/prompt_tokens").asLong()).isEqualTo(12_050);
        assertThat(chat.body().at("/usage/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(10_000);
        assertThat(chat.body().at("/usage/prompt_tokens_details/cache_creation_tokens").asLong()).isEqualTo(2_000);
        assertThat(messages.statusCode()).as(messages.body()).isEqualTo(200);
        JsonNode anthropicUsage = JSON.readTree(messages.body()).path("usage");
        assertThat(anthropicUsage.path("input_tokens").asLong()).isEqualTo(50);
        assertThat(anthropicUsage.path("cache_read_input_tokens").asLong()).isEqualTo(10_000);
        assertThat(anthropicUsage.path("cache_creation_input_tokens").asLong()).isEqualTo(2_000);
        assertThat(anthropicUsage.at("/cache_creation/ephemeral_1h_input_tokens").asLong()).isEqualTo(500);
        assertThat(anthropicUsage.path("output_tokens").asLong()).isEqualTo(400);
        // 50 × 3,000,000 + 10,000 × 300,000 + 1,500 × 3,750,000 + 500 × 6,000,000 + 400 × 15,000,000
        //   = 17,775,000,000; × 0.45 / 1000 = 7,998,750 each (the writes charged again as input would add 2,700,000)
        long cost = 7_998_750;
        assertThat(gateway.balance(key)).isEqualTo(before - 2 * cost);
        JsonNode charge = lastCharge();
        assertThat(charge.path("charged").asLong()).isEqualTo(cost);
        assertFactors(charge, 12_050, 400, 10_000, 1_500, 500, 0);
        assertRates(charge, 3_000_000, 15_000_000, 300_000, 3_750_000, 6_000_000, 15_000_000);
    }

    @Test
    void anAnthropicStreamsCacheWriteIsChargedAndReportedToAnAnthropicCaller() throws Exception {
        long before = gateway.balance(key);

        HttpResponse<String> stream = gateway.send("POST", "/v1/messages", null, "{\"model\":\"claude-sonnet-4-0\","
                + "\"max_tokens\":500,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Cache this\"}]}",
                Map.of("x-api-key", key, "anthropic-version", "2023-06-01"));

        assertThat(stream.statusCode()).as(stream.body()).isEqualTo(200);
        JsonNode delta = null;
        for (JsonNode event : sseData(stream.body())) {
            if ("message_delta".equals(event.path("type").asText())) {
                delta = event;
            }
        }
        assertThat(delta).as(stream.body()).isNotNull();
        assertThat(delta.at("/usage/input_tokens").asLong()).isEqualTo(50);
        assertThat(delta.at("/usage/cache_creation_input_tokens").asLong()).isEqualTo(2_000);
        assertThat(delta.at("/usage/cache_read_input_tokens").asLong()).isZero();
        assertThat(delta.at("/usage/output_tokens").asLong()).isEqualTo(300);
        // 50 × 3,000,000 + 2,000 × 3,750,000 (no TTL split: 5 minutes) + 300 × 15,000,000 = 12,150,000,000;
        // × 0.45 / 1000 = 5,467,500
        long cost = 5_467_500;
        assertThat(gateway.balance(key)).isEqualTo(before - cost);
        assertFactors(lastCharge(), 2_050, 300, 0, 2_000, 0, 0);
    }

    @Test
    void geminisCachedContentAndThoughtsAreChargedAtTheirRatesPlainAndStreamed() throws Exception {
        long before = gateway.balance(key);

        GatewayClient.Reply plain = gateway.post("/v1/chat/completions", key, "{\"model\":\"gemini-2.0-flash\","
                + "\"max_tokens\":600,\"messages\":[{\"role\":\"user\",\"content\":\"Read the cached content\"}]}");
        assertThat(plain.status()).as(plain.raw().body()).isEqualTo(200);
        assertThat(plain.body().at("/usage/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(8_000);
        // 2,000 × 100,000 + 8,000 × 25,000 + 500 × 400,000 = 600,000,000; × 0.45 / 1000 = 270,000
        assertThat(gateway.balance(key)).isEqualTo(before - 270_000);
        JsonNode first = lastCharge();
        assertFactors(first, 10_000, 500, 8_000, 0, 0, 0);
        assertRates(first, 100_000, 400_000, 25_000, 100_000, 100_000, 400_000);

        GatewayClient.Reply streamed = gateway.post("/v1/chat/completions", key, "{\"model\":\"gemini-2.0-flash\","
                + "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"max_tokens\":1000,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Think it through\"}]}");
        assertThat(streamed.status()).as(streamed.raw().body()).isEqualTo(200);
        JsonNode usage = lastUsageChunk(streamed.raw().body());
        assertThat(usage.at("/completion_tokens_details/reasoning_tokens").asLong()).isEqualTo(700);
        assertThat(usage.at("/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(1_024);
        // 176 × 100,000 + 1,024 × 25,000 + 80 × 400,000 + 700 × 400,000 = 355,200,000; × 0.45 / 1000 = 159,840
        assertThat(gateway.balance(key)).isEqualTo(before - 270_000 - 159_840);
        assertFactors(lastCharge(), 1_200, 780, 1_024, 0, 0, 700);
    }

    @Test
    void coheresBilledUnitsAreChargedPlainAndStreamedRoundedUpOnce() throws Exception {
        long before = gateway.balance(key);

        GatewayClient.Reply plain = gateway.post("/v1/chat/completions", key, "{\"model\":\"command-r-08-2024\","
                + "\"max_tokens\":400,\"messages\":[{\"role\":\"user\",\"content\":\"Count what you bill\"}]}");
        GatewayClient.Reply streamed = gateway.post("/v1/chat/completions", key, "{\"model\":\"command-r-08-2024\","
                + "\"stream\":true,\"max_tokens\":400,\"messages\":[{\"role\":\"user\",\"content\":\"Stream it\"}]}");

        assertThat(plain.status()).as(plain.raw().body()).isEqualTo(200);
        assertThat(streamed.status()).as(streamed.raw().body()).isEqualTo(200);
        // plain: 1,200 × 150,000 + 300 × 600,000 = 360,000,000; × 0.45 / 1000 = 162,000
        // streamed: 77 × 150,000 + 13 × 600,000 = 19,350,000; × 0.45 / 1000 = 8,707.5 → 8,708
        assertThat(gateway.balance(key)).isEqualTo(before - 162_000 - 8_708);
        JsonNode charge = lastCharge();
        assertThat(charge.path("cost").asLong()).isEqualTo(8_708);
        assertFactors(charge, 77, 13, 0, 0, 0, 0);
    }

    @Test
    void anAdminSetsAPartsRateAndTheNextChargeUsesItWhileAnUnsetRateKeepsItsDefault() {
        String model = "{\"id\":\"gpt-4o-free-cache\",\"provider\":\"openai\",\"upstream_model\":\"gpt-4o\","
                + "\"input_per_1k\":2500000,\"output_per_1k\":10000000,\"context_tokens\":128000,"
                + "\"default_max_output_tokens\":4096,\"quality\":88,\"min_tier\":\"free\"";
        GatewayClient.Reply negative = gateway.post("/api/v1/llm/models", GatewayClient.ADMIN_KEY,
                model + ",\"cached_input_per_1k\":-1}");
        GatewayClient.Reply text = gateway.post("/api/v1/llm/models", GatewayClient.ADMIN_KEY,
                model + ",\"reasoning_per_1k\":\"cheap\"}");
        assertThat(negative.status()).as(negative.raw().body()).isEqualTo(400);
        assertThat(negative.body().at("/error/param").asText()).isEqualTo("cached_input_per_1k");
        assertThat(text.status()).as(text.raw().body()).isEqualTo(400);
        assertThat(catalogModel("gpt-4o-free-cache")).as("refused: nothing defined").isNull();

        GatewayClient.Reply defined = gateway.post("/api/v1/llm/models", GatewayClient.ADMIN_KEY,
                model + ",\"cached_input_per_1k\":0}");
        assertThat(defined.status()).as(defined.raw().body()).isEqualTo(200);
        JsonNode listed = catalogModel("gpt-4o-free-cache");
        assertThat(listed.path("cached_input_per_1k").asLong(-1)).as(listed.toString()).isZero();
        assertThat(listed.path("cache_write_5m_per_1k").asLong()).isEqualTo(2_500_000);
        assertThat(listed.path("reasoning_per_1k").asLong()).isEqualTo(10_000_000);
        long before = gateway.balance(key);

        GatewayClient.Reply reply = gateway.post("/v1/chat/completions", key, "{\"model\":\"gpt-4o-free-cache\","
                + "\"max_tokens\":400,\"messages\":[{\"role\":\"user\",\"content\":\"Cached again\"}]}");

        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
        // 86 × 2,500,000 + 1,920 × 0 + 300 × 10,000,000 = 3,215,000,000; × 0.45 / 1000 = 1,446,750
        assertThat(gateway.balance(key)).isEqualTo(before - 1_446_750);
        assertRates(lastCharge(), 2_500_000, 10_000_000, 0, 2_500_000, 2_500_000, 10_000_000);
    }

    private JsonNode catalogModel(String id) {
        for (JsonNode model : gateway.get("/api/v1/llm/catalog/models", key).body().path("models")) {
            if (id.equals(model.path("id").asText())) {
                return model;
            }
        }
        return null;
    }

    private JsonNode lastCharge() {
        JsonNode last = null;
        for (JsonNode event : gateway.events(account)) {
            if ("UsageCharged".equals(event.path("type").asText())) {
                last = event.path("payload");
            }
        }
        assertThat(last).as("a UsageCharged event of %s", account).isNotNull();
        return last;
    }

    private static void assertFactors(JsonNode charge, long input, long output, long cached, long write5m,
                                      long write1h, long reasoning) {
        assertThat(List.of(charge.path("inputTokens").asLong(), charge.path("outputTokens").asLong(),
                charge.path("cachedInputTokens").asLong(), charge.path("cacheWrite5mTokens").asLong(),
                charge.path("cacheWrite1hTokens").asLong(), charge.path("reasoningTokens").asLong()))
                .as("tokens recorded on %s", charge).containsExactly(input, output, cached, write5m, write1h, reasoning);
        assertThat(charge.path("usageEstimated").asBoolean()).isFalse();
    }

    private static void assertRates(JsonNode charge, long input, long output, long cached, long write5m, long write1h,
                                     long reasoning) {
        assertThat(List.of(charge.path("inputPricePer1kTokens").asLong(), charge.path("outputPricePer1kTokens").asLong(),
                charge.path("cachedInputPricePer1kTokens").asLong(), charge.path("cacheWrite5mPricePer1kTokens").asLong(),
                charge.path("cacheWrite1hPricePer1kTokens").asLong(), charge.path("reasoningPricePer1kTokens").asLong()))
                .as("rates recorded on %s", charge).containsExactly(input, output, cached, write5m, write1h, reasoning);
    }

    /** The explanation of a charge; the usage projection catches up in the background. */
    /** The account's newest usage row (GraphQL), once the usage projection has written it. */
    private JsonNode projectedRow() {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            JsonNode row = gateway.graphql(key, "{ usage(accountId: \"" + account + "\") { rows { inputTokens"
                    + " cachedInputTokens cacheWrite5mTokens cacheWrite1hTokens reasoningTokens } } }").body()
                    .at("/data/usage/rows/0");
            if (!row.isMissingNode() || System.nanoTime() > until) {
                assertThat(row.isMissingNode()).as("the charge is projected within 20 s").isFalse();
                return row;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private JsonNode explain(String requestId) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            GatewayClient.Reply reply = gateway.get("/api/v1/llm/requests/" + requestId + "/explain", key);
            if (reply.status() == 200 || System.nanoTime() > until) {
                assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
                return reply.body();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static JsonNode lastUsageChunk(String sse) throws Exception {
        JsonNode usage = null;
        for (JsonNode chunk : sseData(sse)) {
            if (chunk.hasNonNull("usage")) {
                usage = chunk.path("usage");
            }
        }
        assertThat(usage).as(sse).isNotNull();
        return usage;
    }

    private static List<JsonNode> sseData(String sse) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : sse.split("\r?\n")) {
            if (line.startsWith("data:") && !line.contains("[DONE]")) {
                events.add(JSON.readTree(line.substring(5).trim()));
            }
        }
        return events;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }
}
