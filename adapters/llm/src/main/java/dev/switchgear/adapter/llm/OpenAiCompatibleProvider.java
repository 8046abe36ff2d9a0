package dev.switchgear.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.application.port.out.completion.CompletionProvider;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.application.port.out.completion.UpstreamException.Kind;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import dev.switchgear.domain.shared.TokenUsage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider that speaks OpenAI's chat completions API (OpenAI itself, and the OpenAI-compatible
 * family). Sends the caller's body with the model rewritten and the platform's key, and reads the
 * usage from the reply.
 *
 * <p>The key is only ever put into the Authorization header: exception messages name the provider
 * id, never the key or the base URL, and an upstream error message is scrubbed of the key before
 * it is passed on.
 */
public class OpenAiCompatibleProvider implements CompletionProvider {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiCompatibleProvider.class);
    private static final String REDACTED = "[redacted]";

    private final String providerId;
    private final URI completionsUri;
    private final String authorization;
    private final String apiKey;
    private final HttpClient client;
    private final Duration timeout;
    private final ObjectMapper json;

    public OpenAiCompatibleProvider(String providerId, URI baseUrl, Optional<String> apiKey, HttpClient client,
                                    Duration timeout, ObjectMapper json) {
        this.providerId = providerId;
        String base = baseUrl.toString();
        this.completionsUri = URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
        this.apiKey = apiKey.filter(k -> !k.isBlank()).orElse(null);
        this.authorization = this.apiKey == null ? null : "Bearer " + this.apiKey;
        this.client = client;
        this.timeout = timeout;
        this.json = json;
    }

    @Override
    public String providerId() {
        return providerId;
    }

    @Override
    public UpstreamReply complete(UpstreamCall call) {
        byte[] body = upstreamBody(call);
        HttpRequest.Builder request = HttpRequest.newBuilder(completionsUri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new UpstreamException(Kind.UNAVAILABLE, 0, "The provider " + providerId + " timed out",
                    Optional.empty());
        } catch (IOException e) {
            LOG.warn("provider {} could not be reached: {}", providerId, e.getClass().getSimpleName());
            throw new UpstreamException(Kind.UNAVAILABLE, 0, "The provider " + providerId + " could not be reached",
                    Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(Kind.UNAVAILABLE, 0, "The call to " + providerId + " was interrupted",
                    Optional.empty());
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return reply(body, response.body());
        }
        throw failure(status, response);
    }

    private byte[] upstreamBody(UpstreamCall call) {
        try {
            ObjectNode node = (ObjectNode) json.readTree(call.body());
            node.put("model", call.upstreamModel());
            node.remove("stream");
            node.remove("stream_options");
            if (call.defaultMaxOutputTokens() != null) {
                node.put("max_tokens", call.defaultMaxOutputTokens());
            }
            return json.writeValueAsBytes(node);
        } catch (IOException | ClassCastException e) {
            throw new UpstreamException(Kind.REJECTED, 400, "The request body is not a JSON object", Optional.empty());
        }
    }

    private UpstreamReply reply(byte[] requestBody, byte[] responseBody) {
        JsonNode root;
        try {
            root = json.readTree(responseBody);
        } catch (IOException e) {
            throw new UpstreamException(Kind.UNAVAILABLE, 502, "The provider " + providerId
                    + " answered with a body that is not JSON", Optional.empty());
        }
        JsonNode usage = root.path("usage");
        if (usage.path("prompt_tokens").canConvertToLong() && usage.path("completion_tokens").canConvertToLong()) {
            return new UpstreamReply(responseBody, new TokenUsage(usage.path("prompt_tokens").asLong(),
                    usage.path("completion_tokens").asLong()), false);
        }
        return new UpstreamReply(responseBody, TokenEstimate.of(requestBody, root), true);
    }

    private UpstreamException failure(int status, HttpResponse<byte[]> response) {
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(RetryAfter::parse);
        if (status == 429) {
            return new UpstreamException(Kind.RATE_LIMITED, status, "The provider " + providerId
                    + " is rate limiting requests", retryAfter);
        }
        if (status >= 500) {
            return new UpstreamException(Kind.UNAVAILABLE, status, "The provider " + providerId
                    + " failed with status " + status, retryAfter);
        }
        if (status == 401 || status == 403) {
            LOG.error("provider {} refused the platform credentials (status {})", providerId, status);
            return new UpstreamException(Kind.UNAVAILABLE, status, "The provider " + providerId
                    + " refused the gateway's credentials", Optional.empty());
        }
        return new UpstreamException(Kind.REJECTED, status, upstreamMessage(response.body(), status), retryAfter);
    }

    private String upstreamMessage(byte[] body, int status) {
        String message = null;
        try {
            JsonNode error = json.readTree(body).path("error");
            message = error.isTextual() ? error.asText() : error.path("message").asText(null);
        } catch (IOException e) {
            message = null;
        }
        if (message == null || message.isBlank()) {
            message = new String(body, StandardCharsets.UTF_8);
        }
        if (message.length() > 1_000) {
            message = message.substring(0, 1_000);
        }
        if (apiKey != null) {
            message = message.replace(apiKey, REDACTED);
        }
        return "The provider " + providerId + " rejected the request (" + status + "): " + message;
    }
}
