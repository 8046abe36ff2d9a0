package dev.switchgear.adapter.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> post(Simulator simulator, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void echoesTheLastUserMessageWithItsUsageWithinTheOutputCap() throws Exception {
        try (Simulator simulator = Simulator.start(new Simulator.Settings(0, Duration.ZERO, 0, Optional.empty()))) {
            String body = "{\"model\":\"sim-echo\",\"max_tokens\":2,\"messages\":[{\"role\":\"system\",\"content\":"
                    + "\"be brief\"},{\"role\":\"user\",\"content\":\"héllo wörld, again\"}]}";
            HttpResponse<String> response = post(simulator, body, null);
            JsonNode reply = json.readTree(response.body());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(reply.at("/choices/0/message/content").asText()).isEqualTo("héllo w");
            assertThat(reply.at("/choices/0/finish_reason").asText()).isEqualTo("length");
            assertThat(reply.at("/usage/completion_tokens").asLong()).isEqualTo(2);
            long prompt = 3 + (4 + Simulator.tokens("be brief")) + (4 + Simulator.tokens("héllo wörld, again"));
            assertThat(reply.at("/usage/prompt_tokens").asLong()).isEqualTo(prompt);
            assertThat(prompt).as("usage never exceeds the body's size, the gateway's hold bound")
                    .isLessThanOrEqualTo(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void answersErrorsInOpenAisShape() throws Exception {
        try (Simulator failing = Simulator.start(new Simulator.Settings(0, Duration.ZERO, 1.0, Optional.of("k")))) {
            String body = "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
            assertThat(post(failing, body, null).statusCode()).isEqualTo(401);
            HttpResponse<String> overloaded = post(failing, body, "k");
            assertThat(overloaded.statusCode()).isEqualTo(503);
            assertThat(json.readTree(overloaded.body()).at("/error/message").asText()).isNotBlank();
            assertThat(post(failing, "{\"model\":\"gpt-9\",\"messages\":[]}", "k").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void streamsTheAnswerInOpenAisChunkFormatWithTheUsageChunkWhenAsked() throws Exception {
        try (Simulator simulator = Simulator.start(new Simulator.Settings(0, Duration.ZERO, 0, Optional.empty()))) {
            String text = "A stream of words that is longer than sixteen bytes.";
            String body = "{\"model\":\"sim-echo\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
            HttpResponse<String> response = post(simulator, body, null);

            assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream");
            java.util.List<String> events = java.util.Arrays.stream(response.body().split("\n\n"))
                    .map(e -> e.substring("data: ".length())).toList();
            assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
            StringBuilder content = new StringBuilder();
            for (String event : events.subList(0, events.size() - 1)) {
                json.readTree(event).at("/choices").forEach(c -> content.append(c.at("/delta/content").asText("")));
            }
            assertThat(content.toString()).isEqualTo(text);
            JsonNode usage = json.readTree(events.get(events.size() - 2)).get("usage");
            assertThat(usage.get("completion_tokens").asLong()).isEqualTo(Simulator.tokens(text));
            assertThat(events.size()).isGreaterThan(5);
        }
    }
    private static final String TOOLS = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"book\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
            + "\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]},\"nights\":{\"type\":"
            + "\"integer\",\"minimum\":2},\"budget\":{\"type\":\"number\"},\"pets\":{\"type\":\"boolean\"},"
            + "\"guests\":{\"type\":\"array\",\"minItems\":1,\"items\":{\"type\":\"object\",\"properties\":"
            + "{\"name\":{\"type\":\"string\"},\"age\":{\"type\":\"integer\"}},\"required\":[\"name\"]}},"
            + "\"note\":{\"type\":\"string\"}},\"required\":[\"city\",\"unit\",\"nights\",\"budget\",\"pets\","
            + "\"guests\"]}}},{\"type\":\"function\",\"function\":{\"name\":\"other\",\"parameters\":"
            + "{\"type\":\"object\",\"properties\":{}}}}]";

    @Test
    void offeredToolsItCallsOneWithArgumentsThatFitTheSchema() throws Exception {
        try (Simulator simulator = Simulator.start(new Simulator.Settings(0, Duration.ZERO, 0, Optional.empty()))) {
            JsonNode reply = json.readTree(post(simulator, "{\"model\":\"sim-echo\"," + TOOLS + ",\"messages\":"
                    + "[{\"role\":\"user\",\"content\":\"Book Paris\"}]}", null).body());

            assertThat(reply.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
            assertThat(reply.at("/choices/0/message/content").isNull()).isTrue();
            JsonNode call = reply.at("/choices/0/message/tool_calls/0");
            assertThat(call.path("id").asText()).startsWith("call_");
            assertThat(call.path("type").asText()).isEqualTo("function");
            assertThat(call.at("/function/name").asText()).isEqualTo("book");
            JsonNode arguments = json.readTree(call.at("/function/arguments").asText());
            assertThat(arguments.toString()).isEqualTo("{\"city\":\"example\",\"unit\":\"celsius\",\"nights\":2,"
                    + "\"budget\":1.0,\"pets\":true,\"guests\":[{\"name\":\"example\"}]}");
            long arguments_tokens = Simulator.tokens("book") + Simulator.tokens(call.at("/function/arguments").asText());
            assertThat(reply.at("/usage/completion_tokens").asLong()).isEqualTo(arguments_tokens);

            JsonNode named = json.readTree(post(simulator, "{\"model\":\"sim-echo\"," + TOOLS + ",\"tool_choice\":"
                    + "{\"type\":\"function\",\"function\":{\"name\":\"other\"}},\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"x\"}]}", null).body());
            assertThat(named.at("/choices/0/message/tool_calls/0/function/name").asText()).isEqualTo("other");
            assertThat(named.at("/choices/0/message/tool_calls/0/function/arguments").asText()).isEqualTo("{}");

            JsonNode none = json.readTree(post(simulator, "{\"model\":\"sim-echo\"," + TOOLS + ",\"tool_choice\":"
                    + "\"none\",\"messages\":[{\"role\":\"user\",\"content\":\"just echo\"}]}", null).body());
            assertThat(none.at("/choices/0/message/content").asText()).isEqualTo("just echo");
            assertThat(none.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        }
    }

    @Test
    void aToolCallLongerThanTheOutputCapIsCutThere() throws Exception {
        try (Simulator simulator = Simulator.start(new Simulator.Settings(0, Duration.ZERO, 0, Optional.empty()))) {
            JsonNode reply = json.readTree(post(simulator, "{\"model\":\"sim-echo\",\"max_tokens\":4," + TOOLS
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"Book Paris\"}]}", null).body());

            assertThat(reply.at("/choices/0/finish_reason").asText()).isEqualTo("length");
            String arguments = reply.at("/choices/0/message/tool_calls/0/function/arguments").asText();
            assertThat(arguments).isEqualTo("{\"city\":\"exa");
            assertThat(reply.at("/usage/completion_tokens").asLong()).isEqualTo(4);
        }
    }

    @Test
    void aToolsResultIsAnsweredWithTextThatUsesIt() throws Exception {
        try (Simulator simulator = Simulator.start(new Simulator.Settings(0, Duration.ZERO, 0, Optional.empty()))) {
            JsonNode reply = json.readTree(post(simulator, "{\"model\":\"sim-echo\"," + TOOLS + ",\"messages\":["
                    + "{\"role\":\"user\",\"content\":\"Book Paris\"},{\"role\":\"assistant\",\"content\":null,"
                    + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"book\","
                    + "\"arguments\":\"{}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":"
                    + "\"booked: room 12\"}]}", null).body());

            assertThat(reply.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
            assertThat(reply.at("/choices/0/message/content").asText()).isEqualTo("The result of book: booked: room 12");
            assertThat(reply.at("/usage/completion_tokens").asLong())
                    .isEqualTo(Simulator.tokens("The result of book: booked: room 12"));
        }
    }

    @Test
    void streamsAToolCallAsOpenAiToolCallDeltas() throws Exception {
        try (Simulator simulator = Simulator.start(new Simulator.Settings(0, Duration.ZERO, 0, Optional.empty()))) {
            HttpResponse<String> response = post(simulator, "{\"model\":\"sim-echo\",\"stream\":true,"
                    + "\"stream_options\":{\"include_usage\":true}," + TOOLS + ",\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"Book Paris\"}]}", null);

            java.util.List<String> events = java.util.Arrays.stream(response.body().split("\n\n"))
                    .map(e -> e.substring("data: ".length())).toList();
            assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
            StringBuilder arguments = new StringBuilder();
            String id = null;
            String name = null;
            String finish = null;
            int argumentChunks = 0;
            for (String event : events.subList(0, events.size() - 1)) {
                JsonNode choice = json.readTree(event).at("/choices/0");
                for (JsonNode call : choice.at("/delta/tool_calls")) {
                    assertThat(call.path("index").asInt()).isZero();
                    if (call.has("id")) {
                        id = call.path("id").asText();
                        name = call.at("/function/name").asText();
                    } else {
                        argumentChunks++;
                    }
                    arguments.append(call.at("/function/arguments").asText(""));
                }
                if (choice.hasNonNull("finish_reason")) {
                    finish = choice.path("finish_reason").asText();
                }
            }
            assertThat(id).startsWith("call_");
            assertThat(name).isEqualTo("book");
            assertThat(finish).isEqualTo("tool_calls");
            assertThat(argumentChunks).isGreaterThan(1);
            assertThat(json.readTree(arguments.toString()).path("unit").asText()).isEqualTo("celsius");
            assertThat(json.readTree(events.get(events.size() - 2)).at("/usage/completion_tokens").asLong())
                    .isEqualTo(Simulator.tokens("book") + Simulator.tokens(arguments.toString()));
        }
    }
}
