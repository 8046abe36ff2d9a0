package dev.switchgear.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchgear.application.port.out.completion.CompletionProvider;
import dev.switchgear.domain.shared.TokenUsage;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/** The contract for Gemini, against generateContent's documented JSON and its SSE stream of responses. */
class GeminiProviderContractTest extends StubbedUpstreamContract {

    private static final String USAGE_JSON = "\"usageMetadata\":{\"promptTokenCount\":11,\"candidatesTokenCount\":5,"
            + "\"thoughtsTokenCount\":2,\"totalTokenCount\":18}";

    /** Gemini reports thoughts apart from the candidates: 5 + 2 output tokens, the 2 its reasoning part. */
    @Override
    protected TokenUsage reportedUsage() {
        return new TokenUsage(USAGE.inputTokens(), USAGE.outputTokens(), 0, 0, 0, 2);
    }

    @Override
    protected CompletionProvider provider(URI baseUrl, UpstreamTimeouts timeouts, CloseableHttpClient client,
                                          UpstreamWatchdog watchdog) {
        return new GeminiProvider("gemini", baseUrl, Optional.of("AIzaSy-contract-gemini"), client, watchdog, timeouts,
                JSON, Clock.systemUTC());
    }

    @Override
    protected String path(boolean stream) {
        return "/v1beta/models/" + MODEL + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
    }

    private static String response(String parts, String finish, boolean withUsage) {
        return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":" + parts + "}"
                + (finish == null ? "" : ",\"finishReason\":\"" + finish + "\"") + "}]"
                + (withUsage ? "," + USAGE_JSON : "") + ",\"modelVersion\":\"" + MODEL + "\",\"responseId\":\"r-c\"}";
    }

    @Override
    protected String textAnswer() {
        return response("[{\"text\":\"" + TEXT + "\"}]", "STOP", true);
    }

    @Override
    protected String toolCallAnswer() {
        return response("[{\"functionCall\":{\"name\":\"" + TOOL + "\",\"args\":" + TOOL_ARGUMENTS + "}}]", "STOP", true);
    }

    private static String data(String json) {
        return "data: " + json + "\r\n\r\n";
    }

    @Override
    protected String streamHead() {
        return data(response("[{\"text\":\"" + FIRST_PIECE + "\"}]", null, false));
    }

    @Override
    protected String streamTail(boolean withUsage) {
        return data(response("[{\"text\":\"" + SECOND_PIECE + "\"}]", "STOP", withUsage));
    }

    @Override
    protected String toolCallStream() {
        return data(response("[{\"functionCall\":{\"name\":\"" + TOOL + "\",\"args\":" + TOOL_ARGUMENTS + "}}]", "STOP",
                true));
    }

    @Override
    protected String errorBody(int status, String message) {
        return "{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"status\":\""
                + (status == 429 ? "RESOURCE_EXHAUSTED" : "UNAVAILABLE") + "\"}}";
    }

    @Override
    protected List<String> toolNames(JsonNode request) {
        List<String> names = new ArrayList<>();
        request.path("tools").forEach(t -> t.path("functionDeclarations").forEach(d -> names.add(d.path("name").asText())));
        return names;
    }
}
