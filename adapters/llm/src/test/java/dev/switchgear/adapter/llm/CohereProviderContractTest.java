package dev.switchgear.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchgear.application.port.out.completion.CompletionProvider;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/** The contract for Cohere, against Chat API v2's documented JSON and stream events. */
class CohereProviderContractTest extends StubbedUpstreamContract {

    private static final String USAGE_JSON = "{\"billed_units\":{\"input_tokens\":11,\"output_tokens\":7},"
            + "\"tokens\":{\"input_tokens\":90,\"output_tokens\":12}}";

    @Override
    protected CompletionProvider provider(URI baseUrl, UpstreamTimeouts timeouts, CloseableHttpClient client,
                                          UpstreamWatchdog watchdog) {
        return new CohereProvider("cohere", baseUrl, Optional.of("cohere-contract-key"), client, watchdog, timeouts,
                JSON, Clock.systemUTC());
    }

    @Override
    protected String path(boolean stream) {
        return "/v2/chat";
    }

    @Override
    protected String textAnswer() {
        return "{\"id\":\"c-c\",\"finish_reason\":\"COMPLETE\",\"message\":{\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"" + TEXT + "\"}]},\"usage\":" + USAGE_JSON + "}";
    }

    @Override
    protected String toolCallAnswer() {
        return "{\"id\":\"c-c\",\"finish_reason\":\"TOOL_CALL\",\"message\":{\"role\":\"assistant\",\"tool_plan\":"
                + "\"I will check\",\"tool_calls\":[{\"id\":\"get_weather_c\",\"type\":\"function\",\"function\":"
                + "{\"name\":\"" + TOOL + "\",\"arguments\":\"" + escaped(TOOL_ARGUMENTS) + "\"}}]},\"usage\":"
                + USAGE_JSON + "}";
    }

    private static String event(String type, String data) {
        return "event: " + type + "\ndata: {\"type\":\"" + type + "\"" + data + "}\n\n";
    }

    private static String start() {
        return event("message-start", ",\"id\":\"c-c\",\"delta\":{\"message\":{\"role\":\"assistant\",\"content\":[],"
                + "\"tool_plan\":\"\",\"tool_calls\":[],\"citations\":[]}}");
    }

    private static String text(String text) {
        return event("content-delta", ",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"" + text + "\"}}}");
    }

    private static String end(String finish, boolean withUsage) {
        return event("message-end", ",\"delta\":{\"finish_reason\":\"" + finish + "\""
                + (withUsage ? ",\"usage\":" + USAGE_JSON : "") + "}");
    }

    @Override
    protected String streamHead() {
        return start()
                + event("content-start", ",\"index\":0,\"delta\":{\"message\":{\"content\":{\"type\":\"text\","
                        + "\"text\":\"\"}}}")
                + text(FIRST_PIECE);
    }

    @Override
    protected String streamTail(boolean withUsage) {
        return text(SECOND_PIECE) + event("content-end", ",\"index\":0") + end("COMPLETE", withUsage);
    }

    @Override
    protected String toolCallStream() {
        return start()
                + event("tool-plan-delta", ",\"delta\":{\"message\":{\"tool_plan\":\"I will check\"}}")
                + event("tool-call-start", ",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":{\"id\":\"get_weather_c\","
                        + "\"type\":\"function\",\"function\":{\"name\":\"" + TOOL + "\",\"arguments\":\"\"}}}}")
                + event("tool-call-delta", ",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":{\"function\":"
                        + "{\"arguments\":\"{\\\"city\\\":\"}}}}")
                + event("tool-call-delta", ",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":{\"function\":"
                        + "{\"arguments\":\"\\\"Paris\\\"}\"}}}}")
                + event("tool-call-end", ",\"index\":0")
                + end("TOOL_CALL", true);
    }

    @Override
    protected String errorBody(int status, String message) {
        return "{\"id\":\"e-c\",\"message\":\"" + message + "\"}";
    }

    @Override
    protected List<String> toolNames(JsonNode request) {
        List<String> names = new ArrayList<>();
        request.path("tools").forEach(t -> names.add(t.at("/function/name").asText()));
        return names;
    }
}
