package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Responses API over real HTTP on embedded PostgreSQL (ADR 0021), with the official OpenAI Java
 * SDK against the built-in simulator: plain and streamed responses, a function call and its output
 * sent back, {@code previous_response_id}, retrieve and delete — each charged exactly what the
 * catalog's price makes of the usage it reports. Bad input is refused in OpenAI's shape, charging
 * nothing; another account's response is a 404. Then the simulator's tool use through the other two
 * inbound formats: Anthropic's Messages (raw HTTP) and chat completions (the SDK), plain and streamed.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ResponsesEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEATHER_SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
            + "\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]}},\"required\":[\"city\",\"unit\"],"
            + "\"additionalProperties\":false}";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "responses");
        registry.add("switchgear.responses.retention", () -> "7d");
    }

    @LocalServerPort
    int port;

    @Autowired
    DSLContext db;

    GatewayClient gateway;
    private final List<OpenAIClient> clients = new ArrayList<>();

    @BeforeEach
    void setUp() {
        gateway = new GatewayClient(port);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(OpenAIClient::close);
    }

    private OpenAIClient sdk(String key) {
        OpenAIClient client = OpenAIOkHttpClient.builder().apiKey(key).baseUrl(gateway.baseUrl() + "/v1")
                .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
        clients.add(client);
        return client;
    }

    /** What sim-echo's catalog price makes of a usage at the default (balanced) power level. */
    private static long cost(long input, long output) {
        return GatewayEndToEndTest.balanced(input * 150_000 + output * 600_000, 4_000);
    }

    /** The simulator's token count: a token per four bytes of UTF-8, rounded up. */
    private static long tokens(String text) {
        return (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 3) / 4;
    }

    private record Funded(String account, String key, long balance) {
    }

    private Funded funded(String name) {
        String account = gateway.openAccount(name, "starter");
        String key = gateway.issueKey(account);
        return new Funded(account, key, gateway.grant(account, "10"));
    }

    private static String text(Response response) {
        StringBuilder text = new StringBuilder();
        for (ResponseOutputItem item : response.output()) {
            if (item.isMessage()) {
                item.asMessage().content().forEach(c -> text.append(c.asOutputText().text()));
            }
        }
        return text.toString();
    }

    private static FunctionTool weatherTool() throws Exception {
        FunctionTool.Parameters.Builder parameters = FunctionTool.Parameters.builder();
        JSON.readTree(WEATHER_SCHEMA).fields().forEachRemaining(f -> parameters.putAdditionalProperty(f.getKey(),
                JsonValue.from(JSON.convertValue(f.getValue(), Object.class))));
        return FunctionTool.builder().name("get_weather").description("The weather in a city")
                .parameters(parameters.build()).strict(true).build();
    }

    /** The charges recorded for the account, in order. */
    private List<JsonNode> charges(String account) {
        List<JsonNode> charges = new ArrayList<>();
        gateway.events(account).forEach(e -> {
            if ("UsageCharged".equals(e.path("type").asText())) {
                charges.add(e.path("payload"));
            }
        });
        return charges;
    }

    private static void assertCharge(JsonNode charge, long input, long output) {
        assertThat(charge.path("inputTokens").asLong()).isEqualTo(input);
        assertThat(charge.path("outputTokens").asLong()).isEqualTo(output);
        assertThat(charge.path("charged").asLong()).isEqualTo(cost(input, output));
    }

    @Test
    void theJavaSdkCreatesRetrievesAndDeletesAResponseChargedExactlyOnce() throws Exception {
        Funded acme = funded("Responses plain");
        OpenAIClient sdk = sdk(acme.key());

        Response response = sdk.responses().create(ResponseCreateParams.builder().model("sim-echo")
                .instructions("Answer briefly").input("Hello from the Responses API").build());

        assertThat(response.id()).startsWith("resp_");
        assertThat(text(response)).isEqualTo("Hello from the Responses API");
        long input = response.usage().orElseThrow().inputTokens();
        long output = response.usage().orElseThrow().outputTokens();
        assertThat(input).isEqualTo(3 + 4 + tokens("Answer briefly") + 4 + tokens("Hello from the Responses API"));
        assertThat(output).isEqualTo(tokens("Hello from the Responses API"));
        assertThat(gateway.balance(acme.key())).isEqualTo(acme.balance() - cost(input, output));
        assertThat(charges(acme.account())).singleElement().satisfies(c -> assertCharge(c, input, output));

        Response retrieved = sdk.responses().retrieve(response.id());
        assertThat(retrieved.id()).isEqualTo(response.id());
        assertThat(text(retrieved)).isEqualTo("Hello from the Responses API");
        assertThat(retrieved.usage().orElseThrow().inputTokens()).isEqualTo(input);

        Record row = db.fetchOne("select cast(input as text) as input, cast(response as text) as response, created_at,"
                + " expires_at from stored_response where id = ?", response.id());
        assertThat(Duration.between(row.get("created_at", OffsetDateTime.class), row.get("expires_at",
                OffsetDateTime.class))).isEqualTo(Duration.ofDays(7));
        assertThat(row.get("input", String.class)).contains("Hello from the Responses API")
                .doesNotContain(acme.key()).doesNotContain("sg-");
        assertThat(row.get("response", String.class)).doesNotContain(acme.key()).doesNotContain("sg-");

        sdk.responses().delete(response.id());
        assertThatThrownBy(() -> sdk.responses().retrieve(response.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> sdk.responses().delete(response.id())).isInstanceOf(NotFoundException.class);
        assertThat(gateway.balance(acme.key())).isEqualTo(acme.balance() - cost(input, output));
        assertThat(charges(acme.account())).hasSize(1);
    }

    @Test
    void theJavaSdkStreamsAResponseWithItsEventsAndUsageChargedExactly() throws Exception {
        Funded acme = funded("Responses stream");
        String prompt = "Stream me a sentence that is longer than sixteen bytes";

        StringBuilder deltas = new StringBuilder();
        List<Response> completed = new ArrayList<>();
        List<Long> sequence = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = sdk(acme.key()).responses().createStreaming(
                ResponseCreateParams.builder().model("sim-echo").input(prompt).build())) {
            stream.stream().forEach(event -> {
                if (event.isCreated()) {
                    sequence.add(event.asCreated().sequenceNumber());
                }
                if (event.isOutputTextDelta()) {
                    deltas.append(event.asOutputTextDelta().delta());
                    sequence.add(event.asOutputTextDelta().sequenceNumber());
                }
                if (event.isCompleted()) {
                    completed.add(event.asCompleted().response());
                    sequence.add(event.asCompleted().sequenceNumber());
                }
            });
        }

        assertThat(deltas.toString()).isEqualTo(prompt);
        assertThat(sequence.get(0)).isZero();
        assertThat(sequence).isSorted().doesNotHaveDuplicates();
        Response response = completed.get(0);
        assertThat(text(response)).isEqualTo(prompt);
        long input = response.usage().orElseThrow().inputTokens();
        long output = response.usage().orElseThrow().outputTokens();
        assertThat(input).isEqualTo(3 + 4 + tokens(prompt));
        assertThat(output).isEqualTo(tokens(prompt));
        assertThat(gateway.balance(acme.key())).isEqualTo(acme.balance() - cost(input, output));
        assertThat(charges(acme.account())).singleElement().satisfies(c -> assertCharge(c, input, output));
        assertThat(text(sdk(acme.key()).responses().retrieve(response.id()))).isEqualTo(prompt);
    }

    @Test
    void aStreamCarriesTheResponsesEventsInOrderEachNumbered() throws Exception {
        Funded acme = funded("Responses raw stream");

        HttpResponse<String> reply = gateway.send("POST", "/v1/responses", acme.key(),
                "{\"model\":\"sim-echo\",\"input\":\"Count the events\",\"stream\":true}", Map.of());

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        List<String> names = new ArrayList<>();
        long expected = 0;
        for (String block : reply.body().split("\n\n")) {
            String[] lines = block.split("\n");
            String name = lines[0].substring("event: ".length());
            JsonNode data = JSON.readTree(lines[1].substring("data: ".length()));
            assertThat(data.path("type").asText()).isEqualTo(name);
            assertThat(data.path("sequence_number").asLong()).isEqualTo(expected++);
            names.add(name);
        }
        assertThat(names).containsExactly("response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.done",
                "response.content_part.done", "response.output_item.done", "response.completed");
        assertThat(reply.body()).doesNotContain("[DONE]");
    }

    @Test
    void aFunctionCallAndItsOutputSentBackWithThePreviousResponseAreEachChargedExactly() throws Exception {
        Funded acme = funded("Responses tools");
        OpenAIClient sdk = sdk(acme.key());

        Response call = sdk.responses().create(ResponseCreateParams.builder().model("sim-echo")
                .input("What is the weather in Paris?").addTool(weatherTool()).build());

        ResponseFunctionToolCall function = call.output().stream().filter(ResponseOutputItem::isFunctionCall)
                .map(ResponseOutputItem::asFunctionCall).findFirst().orElseThrow();
        assertThat(function.name()).isEqualTo("get_weather");
        assertThat(function.callId()).startsWith("call_");
        JsonNode arguments = JSON.readTree(function.arguments());
        assertThat(arguments.path("city").asText()).isEqualTo("example");
        assertThat(arguments.path("unit").asText()).isEqualTo("celsius");
        long input1 = call.usage().orElseThrow().inputTokens();
        long output1 = call.usage().orElseThrow().outputTokens();
        assertThat(output1).isEqualTo(tokens("get_weather") + tokens(function.arguments()));

        Response answer = sdk.responses().create(ResponseCreateParams.builder().model("sim-echo")
                .previousResponseId(call.id()).addTool(weatherTool())
                .inputOfResponse(List.of(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput
                        .builder().callId(function.callId()).output("18 degrees and sunny").build())))
                .build());

        assertThat(text(answer)).isEqualTo("The result of get_weather: 18 degrees and sunny");
        assertThat(answer.previousResponseId()).contains(call.id());
        long input2 = answer.usage().orElseThrow().inputTokens();
        long output2 = answer.usage().orElseThrow().outputTokens();
        assertThat(input2).as("the earlier question and call came first").isEqualTo(3
                + 4 + tokens("What is the weather in Paris?")
                + 4 + tokens("get_weather") + tokens(function.arguments())
                + 4 + tokens("18 degrees and sunny"));
        assertThat(output2).isEqualTo(tokens("The result of get_weather: 18 degrees and sunny"));

        Response stateless = sdk.responses().create(ResponseCreateParams.builder().model("sim-echo").store(false)
                .inputOfResponse(List.of(
                        ResponseInputItem.ofFunctionCall(function),
                        ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                                .callId(function.callId()).output("21 degrees").build())))
                .build());
        assertThat(text(stateless)).isEqualTo("The result of get_weather: 21 degrees");
        long input3 = stateless.usage().orElseThrow().inputTokens();
        long output3 = stateless.usage().orElseThrow().outputTokens();
        assertThatThrownBy(() -> sdk.responses().retrieve(stateless.id())).isInstanceOf(NotFoundException.class);

        String itemId = function.id().orElseThrow();
        HttpResponse<String> referenced = gateway.send("POST", "/v1/responses", acme.key(), "{\"model\":\"sim-echo\","
                + "\"input\":[{\"type\":\"item_reference\",\"id\":\"" + itemId + "\"},{\"type\":"
                + "\"function_call_output\",\"call_id\":\"" + function.callId() + "\",\"output\":\"12 degrees\"}]}",
                Map.of());
        assertThat(referenced.statusCode()).as(referenced.body()).isEqualTo(200);
        JsonNode byReference = JSON.readTree(referenced.body());
        assertThat(byReference.at("/output/0/content/0/text").asText()).isEqualTo("The result of get_weather: 12 degrees");
        Funded stranger = funded("Responses stranger");
        assertOpenAiError(gateway.send("POST", "/v1/responses", stranger.key(), "{\"model\":\"sim-echo\",\"input\":"
                + "[{\"type\":\"item_reference\",\"id\":\"" + itemId + "\"}]}", Map.of()), 400, null);

        List<JsonNode> charges = charges(acme.account());
        assertThat(charges).hasSize(4);
        assertCharge(charges.get(0), input1, output1);
        assertCharge(charges.get(1), input2, output2);
        assertCharge(charges.get(2), input3, output3);
        long input4 = byReference.at("/usage/input_tokens").asLong();
        long output4 = byReference.at("/usage/output_tokens").asLong();
        assertCharge(charges.get(3), input4, output4);
        assertThat(gateway.balance(acme.key())).isEqualTo(acme.balance() - cost(input1, output1)
                - cost(input2, output2) - cost(input3, output3) - cost(input4, output4));
        assertThat(charges(stranger.account())).isEmpty();
    }

    @Test
    void aStreamedFunctionCallArrivesAsArgumentDeltas() throws Exception {
        Funded acme = funded("Responses streamed tools");
        StringBuilder arguments = new StringBuilder();
        List<String> done = new ArrayList<>();
        List<Response> completed = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = sdk(acme.key()).responses().createStreaming(
                ResponseCreateParams.builder().model("sim-echo").input("Weather in Oslo?").addTool(weatherTool())
                        .build())) {
            stream.stream().forEach(event -> {
                if (event.isFunctionCallArgumentsDelta()) {
                    arguments.append(event.asFunctionCallArgumentsDelta().delta());
                }
                if (event.isFunctionCallArgumentsDone()) {
                    done.add(event.asFunctionCallArgumentsDone().arguments());
                }
                if (event.isCompleted()) {
                    completed.add(event.asCompleted().response());
                }
            });
        }
        assertThat(done).containsExactly(arguments.toString());
        assertThat(JSON.readTree(arguments.toString()).path("unit").asText()).isEqualTo("celsius");
        Response response = completed.get(0);
        ResponseFunctionToolCall call = response.output().get(0).asFunctionCall();
        assertThat(call.arguments()).isEqualTo(arguments.toString());
        long input = response.usage().orElseThrow().inputTokens();
        long output = response.usage().orElseThrow().outputTokens();
        assertThat(charges(acme.account())).singleElement().satisfies(c -> assertCharge(c, input, output));
    }

    @Test
    void previousResponseIdPrependsTheEarlierConversation() throws Exception {
        Funded acme = funded("Responses conversation");
        OpenAIClient sdk = sdk(acme.key());

        Response first = sdk.responses().create(ResponseCreateParams.builder().model("sim-echo")
                .input("My name is Ada").build());
        Response second = sdk.responses().create(ResponseCreateParams.builder().model("sim-echo")
                .previousResponseId(first.id()).input("What is my name?").build());

        assertThat(text(second)).isEqualTo("What is my name?");
        long input = second.usage().orElseThrow().inputTokens();
        assertThat(input).isEqualTo(3 + 4 + tokens("My name is Ada") + 4 + tokens("My name is Ada")
                + 4 + tokens("What is my name?"));
        Response third = sdk.responses().create(ResponseCreateParams.builder().model("sim-echo")
                .previousResponseId(second.id()).input("And again?").build());
        assertThat(third.usage().orElseThrow().inputTokens()).isEqualTo(input + 4 + tokens("What is my name?")
                + 4 + tokens("And again?"));
        List<JsonNode> charges = charges(acme.account());
        assertThat(charges).hasSize(3);
        assertCharge(charges.get(1), input, second.usage().orElseThrow().outputTokens());

        List<com.openai.models.responses.ResponseItem> items = sdk.responses().inputItems().list(third.id()).data();
        assertThat(items).hasSize(5);
        assertThat(items.get(0).asResponseInputMessageItem().content().get(0).asInputText().text())
                .isEqualTo("And again?");
        assertThat(items.get(1).asResponseOutputMessage().id()).startsWith("msg_");
        assertThat(items.get(4).asResponseInputMessageItem().content().get(0).asInputText().text())
                .isEqualTo("My name is Ada");
        JsonNode page = JSON.readTree(gateway.send("GET", "/v1/responses/" + third.id() + "/input_items?order=asc"
                + "&limit=2", acme.key(), null, Map.of()).body());
        assertThat(page.path("data")).hasSize(2);
        assertThat(page.path("has_more").asBoolean()).isTrue();
        assertThat(page.at("/data/0/content/0/text").asText()).isEqualTo("My name is Ada");
        JsonNode next = JSON.readTree(gateway.send("GET", "/v1/responses/" + third.id() + "/input_items?order=asc"
                + "&limit=2&after=" + page.path("last_id").asText(), acme.key(), null, Map.of()).body());
        assertThat(next.at("/data/0/content/0/text").asText()).isEqualTo("What is my name?");
        assertThat(next.at("/data/0/id").asText()).isNotEqualTo(page.at("/data/1/id").asText());
        assertOpenAiError(gateway.send("GET", "/v1/responses/" + third.id() + "/input_items?limit=0", acme.key(),
                null, Map.of()), 400, null);
        assertOpenAiError(gateway.send("GET", "/v1/responses/" + third.id() + "/input_items?order=sideways",
                acme.key(), null, Map.of()), 400, null);
        Funded stranger = funded("Responses items stranger");
        assertOpenAiError(gateway.send("GET", "/v1/responses/" + third.id() + "/input_items", stranger.key(), null,
                Map.of()), 404, null);
    }

    @Test
    void aRetryUnderTheSameRequestIdIsTheSameResponseAndNotChargedAgain() throws Exception {
        Funded acme = funded("Responses retried");
        String body = "{\"model\":\"sim-echo\",\"input\":\"Once only\"}";
        Map<String, String> named = Map.of("X-Request-Id", "responses-retry-1");

        HttpResponse<String> first = gateway.send("POST", "/v1/responses", acme.key(), body, named);
        HttpResponse<String> again = gateway.send("POST", "/v1/responses", acme.key(), body, named);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("X-Switchgear-Replayed")).contains("true");
        assertThat(JSON.readTree(again.body()).path("id").asText()).isEqualTo(JSON.readTree(first.body()).path("id").asText());
        assertThat(charges(acme.account())).hasSize(1);
        assertThat(db.fetchCount(db.selectFrom("stored_response").where("id = ?",
                JSON.readTree(first.body()).path("id").asText()))).isEqualTo(1);
        String requestId = first.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(requestId).isEqualTo("responses-retry-1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        HttpResponse<String> explained;
        do {
            explained = gateway.send("GET", "/api/v1/llm/requests/" + requestId + "/explain", acme.key(), null, Map.of());
            if (explained.statusCode() != 200) {
                Thread.sleep(50);
            }
        } while (explained.statusCode() != 200 && System.nanoTime() < deadline);
        assertThat(explained.statusCode()).as(explained.body()).isEqualTo(200);
        assertThat(explained.body()).contains("sim-echo");
    }

    @Test
    void aResponseTakesThePowerLevelItAsksForLikeAChatCompletion() throws Exception {
        Funded acme = funded("Responses routed");
        HttpResponse<String> routed = gateway.send("POST", "/v1/responses", acme.key(),
                "{\"model\":\"sim-echo\",\"input\":\"Route me\"}", Map.of("X-Power-Level", "eco"));

        assertThat(routed.statusCode()).as(routed.body()).isEqualTo(200);
        assertThat(routed.headers().firstValue("X-Switchgear-Model")).contains("sim-echo");
        assertThat(routed.headers().firstValue("X-Switchgear-Provider")).contains("simulator");
        JsonNode response = JSON.readTree(routed.body());
        assertThat(response.at("/output/0/content/0/text").asText()).isEqualTo("Route me");
        long charged = new java.math.BigDecimal(routed.headers().firstValue("X-Switchgear-Charged-Credits")
                .orElseThrow()).movePointRight(6).longValueExact();
        assertThat(charged).isPositive().isEqualTo(acme.balance() - gateway.balance(acme.key()));
        long input = response.at("/usage/input_tokens").asLong();
        long output = response.at("/usage/output_tokens").asLong();
        long atEco = -Math.floorDiv(-(input * 150_000 + output * 600_000) * 1_000 * 14_000, 100_000_000_000L);
        assertThat(charged).as("the eco level's multiplier (0.1x), the starter tier's markup (+40 %)").isEqualTo(atEco);
        assertThat(charges(acme.account())).singleElement().satisfies(c -> {
            assertThat(c.path("inputTokens").asLong()).isEqualTo(input);
            assertThat(c.path("charged").asLong()).isEqualTo(atEco);
        });
    }

    @Test
    void badInputIsRefusedInOpenAisShapeAndChargesNothing() throws Exception {
        Funded acme = funded("Responses refused");
        Funded other = funded("Responses other");
        Response theirs = sdk(other.key()).responses().create(ResponseCreateParams.builder().model("sim-echo")
                .input("private to the other account").build());
        int events = gateway.events(acme.account()).size();

        String[] bodies = {
                "", "{", "[]", "\"text\"", "{\"model\":\"sim-echo\",\"input\":\"x\"} trailing",
                "{\"input\":\"x\"}", "{\"model\":\"\",\"input\":\"x\"}", "{\"model\":7,\"input\":\"x\"}",
                "{\"model\":\"sim-echo\"}", "{\"model\":\"sim-echo\",\"input\":null}", "{\"model\":\"sim-echo\",\"input\":5}",
                "{\"model\":\"sim-echo\",\"input\":[]}", "{\"model\":\"sim-echo\",\"input\":[1]}",
                "{\"model\":\"sim-echo\",\"input\":[{\"type\":\"item_reference\",\"id\":\"msg_1\"}]}",
                "{\"model\":\"sim-echo\",\"input\":[{\"type\":\"reasoning\",\"summary\":[]}]}",
                "{\"model\":\"sim-echo\",\"input\":[{\"role\":\"wizard\",\"content\":\"x\"}]}",
                "{\"model\":\"sim-echo\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\"}]}]}",
                "{\"model\":\"sim-echo\",\"input\":[{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"f\",\"arguments\":\"{\"}]}",
                "{\"model\":\"sim-echo\",\"input\":[{\"type\":\"function_call_output\",\"output\":\"x\"}]}",
                "{\"model\":\"sim-echo\",\"input\":\"x\",\"stream\":\"true\"}",
                "{\"model\":\"sim-echo\",\"input\":\"x\",\"store\":\"no\"}",
                "{\"model\":\"sim-echo\",\"input\":\"x\",\"max_output_tokens\":-1}",
                "{\"model\":\"sim-echo\",\"input\":\"x\",\"max_output_tokens\":\"9\"}",
                "{\"model\":\"sim-echo\",\"input\":\"x\",\"temperature\":9}",
                "{\"model\":\"sim-echo\",\"input\":\"x\",\"tools\":[{\"type\":\"web_search\"}]}",
                "{\"model\":\"sim-echo\",\"input\":\"x\",\"tools\":[{\"type\":\"function\"}]}",
                "{\"model\":\"sim-echo\",\"input\":\"x\",\"tool_choice\":{\"type\":\"mcp\"}}",
                "{\"model\":\"sim-echo\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"xml\"}}}",
                "{\"model\":\"sim-echo\",\"input\":\"x\",\"metadata\":[]}",
                "{\"model\":\"sim-echo\",\"input\":\"x\",\"previous_response_id\":42}",
                "{\"model\":\"sim-echo\",\"input\":\"x\",\"model\":\"sim-echo\"}",
        };
        for (String body : bodies) {
            assertOpenAiError(gateway.send("POST", "/v1/responses", acme.key(), body, Map.of()), 400, null);
        }
        assertOpenAiError(gateway.send("POST", "/v1/responses", acme.key(),
                "{\"model\":\"no-such-model\",\"input\":\"x\"}", Map.of()), 404, "model_not_found");
        JsonNode unknown = assertOpenAiError(gateway.send("POST", "/v1/responses", acme.key(),
                "{\"model\":\"sim-echo\",\"input\":\"x\",\"previous_response_id\":\"resp_nope\"}", Map.of()),
                404, "previous_response_not_found");
        assertThat(unknown.at("/error/param").asText()).isEqualTo("previous_response_id");
        assertOpenAiError(gateway.send("POST", "/v1/responses", acme.key(),
                "{\"model\":\"sim-echo\",\"input\":\"x\",\"previous_response_id\":\"" + theirs.id() + "\"}", Map.of()),
                404, "previous_response_not_found");
        assertOpenAiError(gateway.send("GET", "/v1/responses/" + theirs.id(), acme.key(), null, Map.of()), 404, null);
        assertOpenAiError(gateway.send("DELETE", "/v1/responses/" + theirs.id(), acme.key(), null, Map.of()), 404, null);
        assertOpenAiError(gateway.send("GET", "/v1/responses/resp_unknown", acme.key(), null, Map.of()), 404, null);
        assertOpenAiError(gateway.send("GET", "/v1/responses/not-a-response", acme.key(), null, Map.of()), 404, null);
        assertOpenAiError(gateway.send("GET", "/v1/responses/" + theirs.id(), GatewayClient.ADMIN_KEY, null,
                Map.of()), 403, "permission_denied");

        assertThat(gateway.balance(acme.key())).isEqualTo(acme.balance());
        assertThat(gateway.events(acme.account()).size()).isEqualTo(events);
        assertThat(text(sdk(other.key()).responses().retrieve(theirs.id()))).isEqualTo("private to the other account");
    }

    private static JsonNode assertOpenAiError(HttpResponse<String> reply, int status, String code) throws Exception {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(reply.body());
        assertThat(body.at("/error/message").asText()).as(reply.body()).isNotBlank();
        assertThat(body.at("/error/type").asText()).as(reply.body()).isNotBlank();
        assertThat(body.path("error").has("code")).as(reply.body()).isTrue();
        if (code != null) {
            assertThat(body.at("/error/code").asText()).as(reply.body()).isEqualTo(code);
        }
        assertThat(reply.body()).doesNotContain("Exception", "dev.switchgear", "java.");
        return body;
    }

    @Test
    void aToolUseRoundTripThroughAnthropicsMessagesFormatPlainAndStreamed() throws Exception {
        Funded acme = funded("Anthropic tools");
        String tools = "\"tools\":[{\"name\":\"get_weather\",\"description\":\"The weather\",\"input_schema\":"
                + WEATHER_SCHEMA + "}]";
        Map<String, String> headers = Map.of("x-api-key", acme.key(), "anthropic-version", "2023-06-01");

        HttpResponse<String> plain = gateway.send("POST", "/v1/messages", null, "{\"model\":\"sim-echo\","
                + "\"max_tokens\":256," + tools + ",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Rome?\"}]}",
                headers);
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
        JsonNode message = JSON.readTree(plain.body());
        assertThat(message.path("stop_reason").asText()).isEqualTo("tool_use");
        JsonNode use = message.at("/content/0");
        assertThat(use.path("type").asText()).isEqualTo("tool_use");
        assertThat(use.path("name").asText()).isEqualTo("get_weather");
        assertThat(use.at("/input/city").asText()).isEqualTo("example");
        assertThat(use.at("/input/unit").asText()).isEqualTo("celsius");
        String toolUseId = use.path("id").asText();

        HttpResponse<String> answered = gateway.send("POST", "/v1/messages", null, "{\"model\":\"sim-echo\","
                + "\"max_tokens\":256," + tools + ",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Rome?\"},"
                + "{\"role\":\"assistant\",\"content\":[" + use + "]},{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"tool_result\",\"tool_use_id\":\"" + toolUseId + "\",\"content\":\"25 degrees\"}]}]}", headers);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        JsonNode text = JSON.readTree(answered.body());
        assertThat(text.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(text.at("/content/0/text").asText()).isEqualTo("The result of get_weather: 25 degrees");

        HttpResponse<String> streamed = gateway.send("POST", "/v1/messages", null, "{\"model\":\"sim-echo\","
                + "\"max_tokens\":256,\"stream\":true," + tools + ",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Weather in Rome?\"}]}", headers);
        assertThat(streamed.statusCode()).isEqualTo(200);
        StringBuilder partial = new StringBuilder();
        String startedBlock = null;
        String stopReason = null;
        long streamedOutput = -1;
        long streamedInput = -1;
        for (String block : streamed.body().split("\n\n")) {
            JsonNode data = JSON.readTree(block.substring(block.indexOf("data: ") + "data: ".length()));
            switch (data.path("type").asText()) {
                case "content_block_start" -> startedBlock = data.at("/content_block/type").asText();
                case "content_block_delta" -> partial.append(data.at("/delta/partial_json").asText(""));
                case "message_delta" -> {
                    stopReason = data.at("/delta/stop_reason").asText();
                    streamedOutput = data.at("/usage/output_tokens").asLong();
                    streamedInput = data.at("/usage/input_tokens").asLong();
                }
                default -> {
                }
            }
        }
        assertThat(startedBlock).isEqualTo("tool_use");
        assertThat(stopReason).isEqualTo("tool_use");
        assertThat(JSON.readTree(partial.toString()).path("unit").asText()).isEqualTo("celsius");

        List<JsonNode> charges = charges(acme.account());
        assertThat(charges).hasSize(3);
        assertCharge(charges.get(0), message.at("/usage/input_tokens").asLong(), message.at("/usage/output_tokens").asLong());
        assertCharge(charges.get(1), text.at("/usage/input_tokens").asLong(), text.at("/usage/output_tokens").asLong());
        assertCharge(charges.get(2), streamedInput, streamedOutput);
        assertThat(gateway.balance(acme.key())).isEqualTo(acme.balance() - charges.stream()
                .mapToLong(c -> c.path("charged").asLong()).sum());
    }

    @Test
    void aToolUseRoundTripThroughChatCompletionsWithTheJavaSdkPlainAndStreamed() throws Exception {
        Funded acme = funded("Chat tools");
        FunctionParameters.Builder parameters = FunctionParameters.builder();
        JSON.readTree(WEATHER_SCHEMA).fields().forEachRemaining(f -> parameters.putAdditionalProperty(f.getKey(),
                JsonValue.from(JSON.convertValue(f.getValue(), Object.class))));
        ChatCompletionFunctionTool tool = ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                .name("get_weather").parameters(parameters.build()).build()).build();
        OpenAIClient sdk = sdk(acme.key());

        ChatCompletion call = sdk.chat().completions().create(ChatCompletionCreateParams.builder().model("sim-echo")
                .addUserMessage("Weather in Madrid?").addTool(tool).build());
        assertThat(call.choices().get(0).finishReason().asString()).isEqualTo("tool_calls");
        ChatCompletionMessageFunctionToolCall function = call.choices().get(0).message().toolCalls().orElseThrow()
                .get(0).asFunction();
        assertThat(function.function().name()).isEqualTo("get_weather");
        assertThat(JSON.readTree(function.function().arguments()).path("city").asText()).isEqualTo("example");

        ChatCompletion answer = sdk.chat().completions().create(ChatCompletionCreateParams.builder().model("sim-echo")
                .addUserMessage("Weather in Madrid?").addTool(tool).addMessage(call.choices().get(0).message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(function.id()).content("30 degrees")
                        .build())
                .build());
        assertThat(answer.choices().get(0).message().content()).contains("The result of get_weather: 30 degrees");

        StringBuilder arguments = new StringBuilder();
        List<String> names = new ArrayList<>();
        List<String> finishes = new ArrayList<>();
        try (StreamResponse<com.openai.models.chat.completions.ChatCompletionChunk> stream = sdk.chat().completions()
                .createStreaming(ChatCompletionCreateParams.builder().model("sim-echo")
                        .addUserMessage("Weather in Madrid?").addTool(tool).build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(choice -> {
                choice.delta().toolCalls().ifPresent(calls -> calls.forEach(delta -> delta.function().ifPresent(f -> {
                    f.name().ifPresent(names::add);
                    f.arguments().ifPresent(arguments::append);
                })));
                choice.finishReason().ifPresent(reason -> finishes.add(reason.asString()));
            }));
        }
        assertThat(names).containsExactly("get_weather");
        assertThat(finishes).containsExactly("tool_calls");
        assertThat(JSON.readTree(arguments.toString()).path("unit").asText()).isEqualTo("celsius");

        List<JsonNode> charges = charges(acme.account());
        assertThat(charges).hasSize(3);
        assertCharge(charges.get(0), call.usage().orElseThrow().promptTokens(), call.usage().orElseThrow().completionTokens());
        assertCharge(charges.get(1), answer.usage().orElseThrow().promptTokens(),
                answer.usage().orElseThrow().completionTokens());
        assertCharge(charges.get(2), 3 + 4 + tokens("Weather in Madrid?"),
                tokens("get_weather") + tokens(arguments.toString()));
        assertThat(gateway.balance(acme.key())).isEqualTo(acme.balance() - charges.stream()
                .mapToLong(c -> c.path("charged").asLong()).sum());
    }
}
