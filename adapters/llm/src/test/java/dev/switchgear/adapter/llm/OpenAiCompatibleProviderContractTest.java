package dev.switchgear.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchgear.application.port.out.completion.CompletionProvider;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/** The contract for the OpenAI-compatible family, against OpenAI's documented chat completions format. */
class OpenAiCompatibleProviderContractTest extends StubbedUpstreamContract {

    @Override
    protected CompletionProvider provider(URI baseUrl, UpstreamTimeouts timeouts, CloseableHttpClient client,
                                          UpstreamWatchdog watchdog) {
        return new OpenAiCompatibleProvider("openai", URI.create(baseUrl + "/v1"), Optional.of("sk-contract-openai"),
                client, watchdog, timeouts, JSON);
    }

    @Override
    protected String path(boolean stream) {
        return "/v1/chat/completions";
    }

    private static String completion(String message, String finish) {
        return "{\"id\":\"chatcmpl-c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"" + MODEL + "\","
                + "\"choices\":[{\"index\":0,\"message\":" + message + ",\"finish_reason\":\"" + finish + "\"}],"
                + "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}}";
    }

    @Override
    protected String textAnswer() {
        return completion("{\"role\":\"assistant\",\"content\":\"" + TEXT + "\"}", "stop");
    }

    @Override
    protected String toolCallAnswer() {
        return completion("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_c\",\"type\":"
                + "\"function\",\"function\":{\"name\":\"" + TOOL + "\",\"arguments\":\"" + escaped(TOOL_ARGUMENTS)
                + "\"}}]}", "tool_calls");
    }

    private static String chunk(String choices, String usage) {
        return "data: {\"id\":\"chatcmpl-c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + MODEL
                + "\",\"choices\":" + choices + ",\"usage\":" + usage + "}\n\n";
    }

    private static String delta(String delta, String finish) {
        return chunk("[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]", "null");
    }

    @Override
    protected String streamHead() {
        return delta("{\"role\":\"assistant\",\"content\":\"\"}", "null")
                + delta("{\"content\":\"" + FIRST_PIECE + "\"}", "null");
    }

    @Override
    protected String streamTail(boolean withUsage) {
        return delta("{\"content\":\"" + SECOND_PIECE + "\"}", "null")
                + delta("{}", "\"stop\"")
                + (withUsage ? chunk("[]", "{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}") : "")
                + "data: [DONE]\n\n";
    }

    @Override
    protected String toolCallStream() {
        return delta("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_c\",\"type\":"
                + "\"function\",\"function\":{\"name\":\"" + TOOL + "\",\"arguments\":\"\"}}]}", "null")
                + delta("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}", "null")
                + delta("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]}", "null")
                + delta("{}", "\"tool_calls\"")
                + chunk("[]", "{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}")
                + "data: [DONE]\n\n";
    }

    @Override
    protected String errorBody(int status, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + (status == 429 ? "rate_limit_exceeded"
                : "server_error") + "\",\"param\":null,\"code\":null}}";
    }

    @Override
    protected List<String> toolNames(JsonNode request) {
        List<String> names = new ArrayList<>();
        request.path("tools").forEach(t -> names.add(t.at("/function/name").asText()));
        return names;
    }
}
