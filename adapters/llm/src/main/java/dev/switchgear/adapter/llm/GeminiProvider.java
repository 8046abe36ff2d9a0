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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * Google's Gemini API ({@code models/{model}:generateContent} and
 * {@code :streamGenerateContent?alt=sse}, key in {@code x-goog-api-key}) behind the OpenAI-format
 * port: system messages become {@code systemInstruction}, messages become {@code contents} with
 * roles user/model, tool calls and results become {@code functionCall}/{@code functionResponse}
 * parts, tools become {@code functionDeclarations}; answers and streamed candidates come back as
 * OpenAI completions and chunks, with {@code usageMetadata} as the usage (thinking tokens count as
 * output, as Google bills them).
 */
public class GeminiProvider implements CompletionProvider {

    private final String providerId;
    private final String base;
    private final String apiKey;
    private final ObjectMapper json;
    private final UpstreamErrors errors;
    private final UpstreamHttp http;
    private final Clock clock;

    public GeminiProvider(String providerId, URI baseUrl, Optional<String> apiKey, CloseableHttpClient client,
                          UpstreamWatchdog watchdog, UpstreamTimeouts timeouts, ObjectMapper json, Clock clock) {
        this.providerId = providerId;
        String b = baseUrl.toString();
        this.base = b.endsWith("/") ? b : b + "/";
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
        byte[] body = http.call(post(call, false), call.credential());
        JsonNode reply;
        try {
            reply = json.readTree(body);
        } catch (IOException e) {
            reply = null;
        }
        if (reply == null || !reply.has("candidates")) {
            throw errors.invalid("answered with a body that has no candidates");
        }
        JsonNode candidate = reply.path("candidates").path(0);
        ObjectNode completion = json.createObjectNode();
        completion.put("id", "chatcmpl-" + reply.path("responseId").asText("gemini"));
        completion.put("object", "chat.completion");
        completion.put("created", clock.instant().getEpochSecond());
        completion.put("model", reply.path("modelVersion").asText(call.upstreamModel()));
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        ArrayNode toolCalls = json.createArrayNode();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.has("text") && !part.path("thought").asBoolean(false)) {
                text.append(part.path("text").asText());
            } else if (part.has("functionCall")) {
                toolCalls.add(toolCall(part.path("functionCall"), toolCalls.size(), true));
            }
        }
        message.put("content", text.toString());
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        choice.put("finish_reason", toolCalls.isEmpty() ? finishReason(candidate.path("finishReason").asText(null))
                : "tool_calls");
        TokenUsage usage = reply.has("usageMetadata") ? usage(reply.path("usageMetadata"))
                : TokenEstimate.forModel(call.upstreamModel()).of(openAi(call), completion);
        completion.putObject("usage").put("prompt_tokens", usage.inputTokens())
                .put("completion_tokens", usage.outputTokens()).put("total_tokens", usage.totalTokens());
        try {
            return new UpstreamReply(json.writeValueAsBytes(completion), usage, !reply.has("usageMetadata"));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    @Override
    public StreamOutcome stream(UpstreamCall call, StreamListener listener) {
        JsonNode openAi = openAi(call);
        HttpPost post = post(call, true);
        Translator translator = new Translator(call, listener);
        return http.stream(post, call.credential(), (body, watch) -> ChunkTranslator.relay(translator, body, watch, openAi, post,
                providerId));
    }

    private JsonNode openAi(UpstreamCall call) {
        try {
            JsonNode node = json.readTree(call.body());
            if (node == null || !node.isObject()) {
                throw new IOException("not an object");
            }
            return node;
        } catch (IOException e) {
            throw new UpstreamException(UpstreamException.Kind.REJECTED, 400, "The request body is not a JSON object",
                    Optional.empty());
        }
    }

    /** The Gemini request for the caller's OpenAI request. */
    ObjectNode request(UpstreamCall call) {
        JsonNode openAi = openAi(call);
        ObjectNode request = json.createObjectNode();
        StringBuilder system = new StringBuilder();
        ArrayNode contents = request.putArray("contents");
        Map<String, String> toolNames = new HashMap<>();
        for (JsonNode message : openAi.path("messages")) {
            String role = message.path("role").asText();
            switch (role) {
                case "system", "developer" -> system.append(system.isEmpty() ? "" : "\n\n")
                        .append(TokenEstimate.text(message.path("content")));
                case "user" -> {
                    ArrayNode parts = json.createArrayNode();
                    JsonNode content = message.path("content");
                    if (content.isTextual()) {
                        parts.addObject().put("text", content.asText());
                    } else {
                        for (JsonNode part : content) {
                            if ("text".equals(part.path("type").asText())) {
                                parts.addObject().put("text", part.path("text").asText());
                            } else if ("image_url".equals(part.path("type").asText())) {
                                parts.add(image(part.path("image_url").path("url").asText()));
                            }
                        }
                    }
                    append(contents, "user", parts);
                }
                case "assistant" -> {
                    ArrayNode parts = json.createArrayNode();
                    String text = TokenEstimate.text(message.path("content"));
                    if (!text.isEmpty()) {
                        parts.addObject().put("text", text);
                    }
                    for (JsonNode call2 : message.path("tool_calls")) {
                        String name = call2.path("function").path("name").asText();
                        toolNames.put(call2.path("id").asText(), name);
                        ObjectNode functionCall = parts.addObject().putObject("functionCall");
                        functionCall.put("name", name);
                        functionCall.set("args", arguments(call2.path("function").path("arguments").asText("{}")));
                    }
                    append(contents, "model", parts);
                }
                case "tool" -> {
                    ArrayNode parts = json.createArrayNode();
                    ObjectNode response = parts.addObject().putObject("functionResponse");
                    response.put("name", toolNames.getOrDefault(message.path("tool_call_id").asText(), "tool"));
                    response.putObject("response").put("content", TokenEstimate.text(message.path("content")));
                    append(contents, "user", parts);
                }
                default -> throw new UpstreamException(UpstreamException.Kind.REJECTED, 400,
                        "messages with role `" + role + "` are not supported", Optional.empty());
            }
        }
        if (!system.isEmpty()) {
            request.putObject("systemInstruction").putArray("parts").addObject().put("text", system.toString());
        }
        ObjectNode generation = request.putObject("generationConfig");
        Integer max = call.defaultMaxOutputTokens();
        JsonNode cap = openAi.hasNonNull("max_completion_tokens") ? openAi.get("max_completion_tokens") : openAi.get("max_tokens");
        if (max != null) {
            generation.put("maxOutputTokens", max);
        } else if (cap != null && cap.canConvertToInt()) {
            generation.put("maxOutputTokens", cap.asInt());
        }
        if (openAi.hasNonNull("temperature")) {
            generation.set("temperature", openAi.get("temperature"));
        }
        if (openAi.hasNonNull("top_p")) {
            generation.set("topP", openAi.get("top_p"));
        }
        if (openAi.hasNonNull("seed")) {
            generation.set("seed", openAi.get("seed"));
        }
        if (openAi.hasNonNull("n")) {
            generation.set("candidateCount", openAi.get("n"));
        }
        JsonNode stop = openAi.get("stop");
        if (stop != null && !stop.isNull()) {
            ArrayNode sequences = generation.putArray("stopSequences");
            if (stop.isArray()) {
                stop.forEach(sequences::add);
            } else {
                sequences.add(stop.asText());
            }
        }
        if (openAi.path("response_format").path("type").asText().startsWith("json")) {
            generation.put("responseMimeType", "application/json");
        }
        if (openAi.path("tools").isArray() && !openAi.path("tools").isEmpty()) {
            ArrayNode declarations = request.putArray("tools").addObject().putArray("functionDeclarations");
            for (JsonNode tool : openAi.path("tools")) {
                JsonNode function = tool.path("function");
                ObjectNode declaration = declarations.addObject();
                declaration.put("name", function.path("name").asText());
                if (function.hasNonNull("description")) {
                    declaration.put("description", function.get("description").asText());
                }
                if (function.hasNonNull("parameters")) {
                    declaration.set("parameters", function.get("parameters"));
                }
            }
            JsonNode choice = openAi.get("tool_choice");
            if (choice != null && !choice.isNull()) {
                ObjectNode config = request.putObject("toolConfig").putObject("functionCallingConfig");
                if (choice.isTextual()) {
                    config.put("mode", switch (choice.asText()) {
                        case "required" -> "ANY";
                        case "none" -> "NONE";
                        default -> "AUTO";
                    });
                } else {
                    config.put("mode", "ANY");
                    config.putArray("allowedFunctionNames").add(choice.path("function").path("name").asText());
                }
            }
        }
        return request;
    }

    private HttpPost post(UpstreamCall call, boolean stream) {
        String model = URLEncoder.encode(call.upstreamModel(), StandardCharsets.UTF_8);
        HttpPost post = new HttpPost(URI.create(base + "v1beta/models/" + model
                + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent")));
        try {
            post.setEntity(new ByteArrayEntity(json.writeValueAsBytes(request(call)), ContentType.APPLICATION_JSON));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
        String key = call.apiKeyOr(apiKey);
        if (key != null) {
            post.setHeader("x-goog-api-key", key);
        }
        return post;
    }

    private ObjectNode image(String url) {
        ObjectNode part = json.createObjectNode();
        if (url.startsWith("data:") && url.contains(";base64,")) {
            ObjectNode inline = part.putObject("inlineData");
            inline.put("mimeType", url.substring(5, url.indexOf(';')));
            inline.put("data", url.substring(url.indexOf(',') + 1));
        } else {
            ObjectNode file = part.putObject("fileData");
            file.put("fileUri", url);
        }
        return part;
    }

    private JsonNode arguments(String arguments) {
        try {
            JsonNode parsed = json.readTree(arguments.isBlank() ? "{}" : arguments);
            return parsed.isObject() ? parsed : json.createObjectNode();
        } catch (IOException e) {
            throw new UpstreamException(UpstreamException.Kind.REJECTED, 400,
                    "tool call arguments must be a JSON object", Optional.empty());
        }
    }

    private ObjectNode toolCall(JsonNode functionCall, int index, boolean whole) {
        ObjectNode call = json.createObjectNode();
        if (!whole) {
            call.put("index", index);
        }
        call.put("id", functionCall.path("id").asText("call_" + index));
        call.put("type", "function");
        call.putObject("function").put("name", functionCall.path("name").asText())
                .put("arguments", functionCall.path("args").toString());
        return call;
    }

    /** Gemini's usage: prompt tokens in, candidate plus thinking tokens out. */
    static TokenUsage usage(JsonNode metadata) {
        return new TokenUsage(metadata.path("promptTokenCount").asLong(0),
                metadata.path("candidatesTokenCount").asLong(0) + metadata.path("thoughtsTokenCount").asLong(0));
    }

    static String finishReason(String gemini) {
        if (gemini == null) {
            return null;
        }
        return switch (gemini) {
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII" -> "content_filter";
            default -> "stop";
        };
    }

    private static void append(ArrayNode contents, String role, ArrayNode parts) {
        if (parts.isEmpty()) {
            return;
        }
        JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("parts")).addAll(parts);
            return;
        }
        ObjectNode content = contents.addObject();
        content.put("role", role);
        content.set("parts", parts);
    }

    /** Turns streamed GenerateContentResponses into OpenAI chunks. */
    private final class Translator extends ChunkTranslator {
        private String finish;
        private int toolCalls;
        private boolean started;

        Translator(UpstreamCall call, StreamListener listener) {
            super(call, listener, GeminiProvider.this.json, clock, "chatcmpl-gemini");
        }

        @Override
        void on(byte[] data) {
            JsonNode response = read(data, errors);
            if (response.has("error")) {
                throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, 502, "The provider " + providerId
                        + " reported an error in the stream: "
                        + errors.scrub(response.path("error").path("message").asText("unknown error")), Optional.empty());
            }
            if (!started) {
                started = true;
                send(json.createObjectNode().put("role", "assistant").put("content", ""), null, "");
            }
            JsonNode candidate = response.path("candidates").path(0);
            for (JsonNode part : candidate.path("content").path("parts")) {
                if (part.has("text") && !part.path("thought").asBoolean(false)) {
                    String text = part.path("text").asText();
                    send(json.createObjectNode().put("content", text), null, text);
                } else if (part.has("functionCall")) {
                    ObjectNode delta = json.createObjectNode();
                    delta.putArray("tool_calls").add(toolCall(part.path("functionCall"), toolCalls++, false));
                    send(delta, null, part.path("functionCall").toString());
                }
            }
            if (candidate.hasNonNull("finishReason")) {
                finish = toolCalls > 0 ? "tool_calls" : finishReason(candidate.path("finishReason").asText());
            }
            if (response.has("usageMetadata")) {
                reported = usage(response.path("usageMetadata"));
            }
        }

        @Override
        void atEndOfStream() {
            send(json.createObjectNode(), finish == null ? "stop" : finish, "");
            sendUsageIfAsked();
        }
    }
}
