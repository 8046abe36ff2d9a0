package dev.switchgear.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchgear.application.port.out.completion.CompletionProvider;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/** The contract for Anthropic, against the Messages API's documented JSON and SSE events. */
class AnthropicProviderContractTest extends StubbedUpstreamContract {

    @Override
    protected CompletionProvider provider(URI baseUrl, UpstreamTimeouts timeouts, CloseableHttpClient client,
                                          UpstreamWatchdog watchdog) {
        return new AnthropicProvider("anthropic", baseUrl, Optional.of("sk-ant-contract"), client, watchdog, timeouts,
                JSON, Clock.systemUTC());
    }

    @Override
    protected String path(boolean stream) {
        return "/v1/messages";
    }

    private static String message(String content, String stopReason) {
        return "{\"id\":\"msg_c\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + MODEL + "\",\"content\":"
                + content + ",\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":11,\"output_tokens\":7}}";
    }

    @Override
    protected String textAnswer() {
        return message("[{\"type\":\"text\",\"text\":\"" + TEXT + "\"}]", "end_turn");
    }

    @Override
    protected String toolCallAnswer() {
        return message("[{\"type\":\"tool_use\",\"id\":\"toolu_c\",\"name\":\"" + TOOL + "\",\"input\":" + TOOL_ARGUMENTS
                + "}]", "tool_use");
    }

    private static String event(String type, String data) {
        return "event: " + type + "\ndata: {\"type\":\"" + type + "\"" + data + "}\n\n";
    }

    private static String start() {
        return event("message_start", ",\"message\":{\"id\":\"msg_c\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[],\"model\":\"" + MODEL + "\",\"stop_reason\":null,\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":11,\"output_tokens\":1}}");
    }

    private static String end(String stopReason, boolean withUsage) {
        return event("message_delta", ",\"delta\":{\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":null}"
                + (withUsage ? ",\"usage\":{\"output_tokens\":7}" : "")) + event("message_stop", "");
    }

    @Override
    protected String streamHead() {
        return start()
                + event("content_block_start", ",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}")
                + event("ping", "")
                + event("content_block_delta", ",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\""
                        + FIRST_PIECE + "\"}");
    }

    @Override
    protected String streamTail(boolean withUsage) {
        return event("content_block_delta", ",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\""
                + SECOND_PIECE + "\"}")
                + event("content_block_stop", ",\"index\":0")
                + end("end_turn", withUsage);
    }

    @Override
    protected String toolCallStream() {
        return start()
                + event("content_block_start", ",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_c\","
                        + "\"name\":\"" + TOOL + "\",\"input\":{}}")
                + event("content_block_delta", ",\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
                        + "\"partial_json\":\"{\\\"city\\\":\"}")
                + event("content_block_delta", ",\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
                        + "\"partial_json\":\"\\\"Paris\\\"}\"}")
                + event("content_block_stop", ",\"index\":0")
                + end("tool_use", true);
    }

    @Override
    protected String errorBody(int status, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + (status == 429 ? "rate_limit_error" : "overloaded_error")
                + "\",\"message\":\"" + message + "\"}}";
    }

    @Override
    protected List<String> toolNames(JsonNode request) {
        List<String> names = new ArrayList<>();
        request.path("tools").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }
}
