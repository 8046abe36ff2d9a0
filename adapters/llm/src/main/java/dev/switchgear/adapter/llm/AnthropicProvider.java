package dev.switchgear.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.application.port.out.completion.CompletionProvider;
import dev.switchgear.application.port.out.completion.StreamListener;
import dev.switchgear.application.port.out.completion.StreamOutcome;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import dev.switchgear.domain.shared.TokenUsage;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}, {@code x-api-key},
 * {@code anthropic-version: 2023-06-01}) behind the OpenAI-format port: requests and answers are
 * translated by {@link AnthropicTranslation}; streams are turned event by event
 * ({@code message_start}, {@code content_block_start/delta/stop}, {@code message_delta},
 * {@code message_stop}, {@code ping}, {@code error}) into OpenAI chunks, tool calls included.
 */
public class AnthropicProvider implements CompletionProvider {

    static final String API_VERSION = "2023-06-01";
    private static final int DEFAULT_MAX_TOKENS = 4096;

    private final String providerId;
    private final URI messagesUri;
    private final String apiKey;
    private final ObjectMapper json;
    private final AnthropicTranslation translation;
    private final UpstreamErrors errors;
    private final Clock clock;
    private final UpstreamHttp http;

    public AnthropicProvider(String providerId, URI baseUrl, Optional<String> apiKey, CloseableHttpClient client,
                             UpstreamWatchdog watchdog, UpstreamTimeouts timeouts, ObjectMapper json, Clock clock) {
        this.providerId = providerId;
        this.messagesUri = UpstreamHttp.join(baseUrl, "v1/messages");
        this.apiKey = apiKey.filter(k -> !k.isBlank()).orElse(null);
        this.json = json;
        this.translation = new AnthropicTranslation(json);
        this.errors = new UpstreamErrors(providerId, this.apiKey, json);
        this.clock = clock;
        this.http = new UpstreamHttp(client, watchdog, timeouts, errors);
    }

    @Override
    public boolean hasPlatformCredential() {
        return apiKey != null;
    }

    @Override
    public String providerId() {
        return providerId;
    }

    @Override
    public UpstreamReply complete(UpstreamCall call) {
        byte[] body = http.call(post(call, translation.request(openAiRequest(call), call.upstreamModel(),
                maxTokens(call), false)), call.credential());
        JsonNode message;
        try {
            message = json.readTree(body);
        } catch (IOException e) {
            message = null;
        }
        if (message == null || !"message".equals(message.path("type").asText())) {
            throw errors.invalid("answered with a body that is not a message");
        }
        try {
            return new UpstreamReply(json.writeValueAsBytes(translation.response(message, clock.instant().getEpochSecond())),
                    AnthropicTranslation.usage(message.path("usage")), false);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    @Override
    public StreamOutcome stream(UpstreamCall call, StreamListener listener) {
        ObjectNode openAi = openAiRequest(call);
        HttpPost post = post(call, translation.request(openAi, call.upstreamModel(), maxTokens(call), true));
        StreamTranslator translator = new StreamTranslator(call, listener);
        return http.stream(post, call.credential(), (body, watch) -> ChunkTranslator.relay(translator, body, watch, openAi, post,
                providerId));
    }

    private ObjectNode openAiRequest(UpstreamCall call) {
        try {
            return (ObjectNode) json.readTree(call.body());
        } catch (IOException | ClassCastException e) {
            throw new UpstreamException(UpstreamException.Kind.REJECTED, 400, "The request body is not a JSON object",
                    Optional.empty());
        }
    }

    private int maxTokens(UpstreamCall call) {
        if (call.defaultMaxOutputTokens() != null) {
            return call.defaultMaxOutputTokens();
        }
        JsonNode body = openAiRequest(call);
        JsonNode cap = body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        return cap != null && cap.canConvertToInt() ? cap.asInt() : DEFAULT_MAX_TOKENS;
    }

    private HttpPost post(UpstreamCall call, ObjectNode request) {
        HttpPost post = new HttpPost(messagesUri);
        try {
            post.setEntity(new ByteArrayEntity(json.writeValueAsBytes(request), ContentType.APPLICATION_JSON));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
        post.setHeader("anthropic-version", API_VERSION);
        String key = call.apiKeyOr(apiKey);
        if (key != null) {
            post.setHeader("x-api-key", key);
        }
        return post;
    }

    /** Turns Anthropic stream events into OpenAI chunks, keeping the usage and what was produced. */
    private final class StreamTranslator extends ChunkTranslator {
        private long outputTokens = -1;
        private int toolIndex = -1;

        StreamTranslator(UpstreamCall call, StreamListener listener) {
            super(call, listener, AnthropicProvider.this.json, clock, "chatcmpl-anthropic");
        }

        @Override
        void on(byte[] data) {
            JsonNode event = read(data, errors);
            switch (event.path("type").asText()) {
                case "message_start" -> {
                    JsonNode message = event.path("message");
                    id = "chatcmpl-" + message.path("id").asText();
                    model = message.path("model").asText(model);
                    knownInputTokens = AnthropicTranslation.usage(message.path("usage")).inputTokens();
                    send(json.createObjectNode().put("role", "assistant").put("content", ""), null, "");
                }
                case "content_block_start" -> {
                    JsonNode block = event.path("content_block");
                    if ("tool_use".equals(block.path("type").asText())) {
                        toolIndex++;
                        ObjectNode delta = json.createObjectNode();
                        ObjectNode toolCall = delta.putArray("tool_calls").addObject();
                        toolCall.put("index", toolIndex);
                        toolCall.put("id", block.path("id").asText());
                        toolCall.put("type", "function");
                        toolCall.putObject("function").put("name", block.path("name").asText()).put("arguments", "");
                        send(delta, null, block.path("name").asText());
                    }
                }
                case "content_block_delta" -> {
                    JsonNode d = event.path("delta");
                    if ("text_delta".equals(d.path("type").asText())) {
                        send(json.createObjectNode().put("content", d.path("text").asText()), null,
                                d.path("text").asText());
                    } else if ("input_json_delta".equals(d.path("type").asText())) {
                        ObjectNode delta = json.createObjectNode();
                        ObjectNode toolCall = delta.putArray("tool_calls").addObject();
                        toolCall.put("index", Math.max(toolIndex, 0));
                        toolCall.putObject("function").put("arguments", d.path("partial_json").asText());
                        send(delta, null, d.path("partial_json").asText());
                    }
                }
                case "message_delta" -> {
                    if (event.path("usage").has("output_tokens")) {
                        outputTokens = event.path("usage").path("output_tokens").asLong();
                    }
                    String finish = AnthropicTranslation.finishReason(event.path("delta").path("stop_reason").asText(null));
                    send(json.createObjectNode(), finish, "");
                }
                case "message_stop" -> {
                    if (knownInputTokens >= 0 && outputTokens >= 0) {
                        reported = new TokenUsage(knownInputTokens, outputTokens);
                    }
                    sendUsageIfAsked();
                    ended = true;
                }
                case "error" -> throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, 502,
                        "The provider " + providerId + " reported an error in the stream: "
                                + errors.scrub(event.path("error").path("message").asText("unknown error")),
                        Optional.empty());
                default -> {
                    // ping, content_block_stop and event types added later carry nothing to relay
                }
            }
        }
    }
}
