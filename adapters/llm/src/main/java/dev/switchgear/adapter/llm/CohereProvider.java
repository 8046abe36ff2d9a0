package dev.switchgear.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * Cohere's Chat API v2 ({@code POST /v2/chat}, bearer key) behind the OpenAI-format port. Its
 * messages and tool calls are close to OpenAI's; parameters are renamed ({@code top_p} → {@code p},
 * {@code stop} → {@code stop_sequences}, {@code tool_choice} → {@code REQUIRED}/{@code NONE}),
 * answers are mapped back, and stream events ({@code message-start}, {@code content-delta},
 * {@code tool-call-start/delta}, {@code message-end}) become OpenAI chunks. Charges use Cohere's
 * billed units when it reports them.
 */
public class CohereProvider implements CompletionProvider {

    private final String providerId;
    private final URI chatUri;
    private final String apiKey;
    private final ObjectMapper json;
    private final UpstreamErrors errors;
    private final UpstreamHttp http;
    private final Clock clock;

    public CohereProvider(String providerId, URI baseUrl, Optional<String> apiKey, CloseableHttpClient client,
                          UpstreamWatchdog watchdog, UpstreamTimeouts timeouts, ObjectMapper json, Clock clock) {
        this.providerId = providerId;
        this.chatUri = UpstreamHttp.join(baseUrl, "v2/chat");
        this.apiKey = apiKey.filter(k -> !k.isBlank()).orElse(null);
        this.json = json;
        this.errors = new UpstreamErrors(providerId, this.apiKey, json);
        this.http = new UpstreamHttp(client, watchdog, timeouts, errors);
        this.clock = clock;
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
        byte[] body = http.call(post(call, request(call, false)), call.credential());
        JsonNode reply;
        try {
            reply = json.readTree(body);
        } catch (IOException e) {
            reply = null;
        }
        if (reply == null || !reply.has("message")) {
            throw errors.invalid("answered with a body that is not a chat response");
        }
        ObjectNode completion = json.createObjectNode();
        completion.put("id", "chatcmpl-" + reply.path("id").asText());
        completion.put("object", "chat.completion");
        completion.put("created", clock.instant().getEpochSecond());
        completion.put("model", call.upstreamModel());
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        for (JsonNode part : reply.path("message").path("content")) {
            text.append(part.path("text").asText(""));
        }
        message.put("content", text.toString());
        if (reply.path("message").path("tool_calls").isArray() && !reply.path("message").path("tool_calls").isEmpty()) {
            message.set("tool_calls", reply.path("message").path("tool_calls"));
        }
        choice.put("finish_reason", finishReason(reply.path("finish_reason").asText(null)));
        TokenUsage usage = usage(reply.path("usage"));
        ObjectNode usageNode = completion.putObject("usage");
        usageNode.put("prompt_tokens", usage.inputTokens());
        usageNode.put("completion_tokens", usage.outputTokens());
        usageNode.put("total_tokens", usage.totalTokens());
        try {
            return new UpstreamReply(json.writeValueAsBytes(completion), usage, false);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    @Override
    public StreamOutcome stream(UpstreamCall call, StreamListener listener) {
        ObjectNode openAi = openAi(call);
        HttpPost post = post(call, request(call, true));
        Translator translator = new Translator(call, listener);
        return http.stream(post, call.credential(), (body, watch) -> ChunkTranslator.relay(translator, body, watch, openAi, post,
                providerId));
    }

    private ObjectNode openAi(UpstreamCall call) {
        try {
            return (ObjectNode) json.readTree(call.body());
        } catch (IOException | ClassCastException e) {
            throw new UpstreamException(UpstreamException.Kind.REJECTED, 400, "The request body is not a JSON object",
                    Optional.empty());
        }
    }

    /** The Cohere v2 request for the caller's OpenAI request. */
    ObjectNode request(UpstreamCall call, boolean stream) {
        ObjectNode openAi = openAi(call);
        if (openAi.path("n").asInt(1) > 1) {
            throw new UpstreamException(UpstreamException.Kind.REJECTED, 400,
                    "`n` greater than 1 is not supported by this provider", Optional.empty());
        }
        ObjectNode request = json.createObjectNode();
        request.put("model", call.upstreamModel());
        ArrayNode messages = request.putArray("messages");
        for (JsonNode message : openAi.path("messages")) {
            ObjectNode converted = message.deepCopy();
            if ("developer".equals(converted.path("role").asText())) {
                converted.put("role", "system");
            }
            converted.remove("name");
            messages.add(converted);
        }
        if (call.defaultMaxOutputTokens() != null) {
            request.put("max_tokens", call.defaultMaxOutputTokens());
        } else if (openAi.hasNonNull("max_completion_tokens")) {
            request.set("max_tokens", openAi.get("max_completion_tokens"));
        } else if (openAi.hasNonNull("max_tokens")) {
            request.set("max_tokens", openAi.get("max_tokens"));
        }
        copy(openAi, "temperature", request, "temperature");
        copy(openAi, "top_p", request, "p");
        copy(openAi, "seed", request, "seed");
        copy(openAi, "frequency_penalty", request, "frequency_penalty");
        copy(openAi, "presence_penalty", request, "presence_penalty");
        copy(openAi, "tools", request, "tools");
        JsonNode stop = openAi.get("stop");
        if (stop != null && !stop.isNull()) {
            ArrayNode sequences = request.putArray("stop_sequences");
            if (stop.isArray()) {
                stop.forEach(sequences::add);
            } else {
                sequences.add(stop.asText());
            }
        }
        JsonNode choice = openAi.get("tool_choice");
        if (choice != null && choice.isTextual()) {
            if ("required".equals(choice.asText())) {
                request.put("tool_choice", "REQUIRED");
            } else if ("none".equals(choice.asText())) {
                request.put("tool_choice", "NONE");
            }
        }
        JsonNode format = openAi.get("response_format");
        if (format != null && format.path("type").asText().startsWith("json")) {
            ObjectNode converted = request.putObject("response_format").put("type", "json_object");
            if (format.at("/json_schema/schema").isObject()) {
                converted.set("json_schema", format.at("/json_schema/schema"));
            }
        }
        if (stream) {
            request.put("stream", true);
        }
        return request;
    }

    private HttpPost post(UpstreamCall call, ObjectNode request) {
        HttpPost post = new HttpPost(chatUri);
        try {
            post.setEntity(new ByteArrayEntity(json.writeValueAsBytes(request), ContentType.APPLICATION_JSON));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
        post.setHeader("Accept", "application/json");
        String key = call.apiKeyOr(apiKey);
        if (key != null) {
            post.setHeader("Authorization", "Bearer " + key);
        }
        return post;
    }

    /** Cohere's usage: the billed units where reported (what Cohere charges), else the token counts. */
    static TokenUsage usage(JsonNode usage) {
        JsonNode units = usage.has("billed_units") ? usage.get("billed_units") : usage.path("tokens");
        return new TokenUsage(units.path("input_tokens").asLong(0), units.path("output_tokens").asLong(0));
    }

    static String finishReason(String cohere) {
        if (cohere == null) {
            return null;
        }
        return switch (cohere) {
            case "MAX_TOKENS" -> "length";
            case "TOOL_CALL" -> "tool_calls";
            default -> "stop";
        };
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String as) {
        if (from.hasNonNull(field)) {
            to.set(as, from.get(field));
        }
    }

    /** Turns Cohere stream events into OpenAI chunks. */
    private final class Translator extends ChunkTranslator {
        private int toolIndex = -1;

        Translator(UpstreamCall call, StreamListener listener) {
            super(call, listener, CohereProvider.this.json, clock, "chatcmpl-cohere");
        }

        @Override
        void on(byte[] data) {
            JsonNode event = read(data, errors);
            JsonNode message = event.path("delta").path("message");
            switch (event.path("type").asText()) {
                case "message-start" -> {
                    id = "chatcmpl-" + event.path("id").asText("cohere");
                    send(json.createObjectNode().put("role", "assistant").put("content", ""), null, "");
                }
                case "content-delta" -> {
                    String text = message.path("content").path("text").asText("");
                    send(json.createObjectNode().put("content", text), null, text);
                }
                case "tool-call-start" -> {
                    toolIndex++;
                    JsonNode toolCall = message.path("tool_calls");
                    ObjectNode delta = json.createObjectNode();
                    ObjectNode converted = delta.putArray("tool_calls").addObject();
                    converted.put("index", toolIndex);
                    converted.put("id", toolCall.path("id").asText());
                    converted.put("type", "function");
                    String name = toolCall.path("function").path("name").asText();
                    String arguments = toolCall.path("function").path("arguments").asText("");
                    converted.putObject("function").put("name", name).put("arguments", arguments);
                    send(delta, null, name + arguments);
                }
                case "tool-call-delta" -> {
                    String arguments = message.path("tool_calls").path("function").path("arguments").asText("");
                    ObjectNode delta = json.createObjectNode();
                    ObjectNode converted = delta.putArray("tool_calls").addObject();
                    converted.put("index", Math.max(toolIndex, 0));
                    converted.putObject("function").put("arguments", arguments);
                    send(delta, null, arguments);
                }
                case "message-end" -> {
                    JsonNode delta = event.path("delta");
                    if (delta.has("usage")) {
                        reported = usage(delta.get("usage"));
                    }
                    send(json.createObjectNode(), finishReason(delta.path("finish_reason").asText("COMPLETE")), "");
                    sendUsageIfAsked();
                    ended = true;
                }
                default -> {
                    // content-start/end, tool-plan-delta, tool-call-end, citations: nothing to relay
                }
            }
        }
    }
}
