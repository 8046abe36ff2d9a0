package dev.switchgear.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.WireFormatException;
import dev.switchgear.adapter.wire.openai.OpenAiEmbeddings;
import dev.switchgear.application.port.in.completion.ClientGoneException;
import dev.switchgear.application.port.out.completion.CompletionProvider;
import dev.switchgear.application.port.out.completion.StreamListener;
import dev.switchgear.application.port.out.completion.StreamOutcome;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamCredential;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.application.port.out.completion.UpstreamException.Kind;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import dev.switchgear.adapter.wire.openai.OpenAiUsage;
import dev.switchgear.domain.routing.api.Endpoint;
import dev.switchgear.domain.shared.TokenUsage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider that speaks OpenAI's chat completions API (OpenAI itself, and the OpenAI-compatible
 * family: Groq, Together, Fireworks, DeepInfra, OpenRouter, Perplexity, the HuggingFace router,
 * vLLM, Ollama). Sends the caller's body with the model rewritten and the platform's key; every
 * field it does not know is passed on untouched. Streams are relayed chunk by chunk as they arrive,
 * and the upstream is always asked for the usage chunk.
 *
 * <p>The key is only ever put into the Authorization header: exception messages name the provider
 * id, never the key or the base URL, and an upstream error message is scrubbed of the key before
 * it is passed on.
 *
 * <p>The legacy completions go to the upstream's {@code /v1/completions} and embeddings to its
 * {@code /v1/embeddings}, the caller's body passed on in the same way (ADR 0022).
 */
public class OpenAiCompatibleProvider implements CompletionProvider {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiCompatibleProvider.class);
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private final String providerId;
    private final URI completionsUri;
    private final URI baseUrl;
    private final String apiKey;
    private final boolean needsKey;
    private final ObjectMapper json;
    private final UpstreamErrors errors;
    private final UpstreamHttp http;

    public OpenAiCompatibleProvider(String providerId, URI baseUrl, Optional<String> apiKey, CloseableHttpClient client,
                                    UpstreamWatchdog watchdog, UpstreamTimeouts timeouts, ObjectMapper json) {
        this(providerId, baseUrl, apiKey, false, client, watchdog, timeouts, json);
    }

    /**
     * @param baseUrl the platform's endpoint; null for the custom provider, whose every call carries
     *                the caller's own endpoint and key
     * @param needsKey whether calls without a caller's own key need the platform key (false for local
     *                 vLLM, Ollama and the simulator)
     */
    public OpenAiCompatibleProvider(String providerId, URI baseUrl, Optional<String> apiKey, boolean needsKey,
                                    CloseableHttpClient client, UpstreamWatchdog watchdog, UpstreamTimeouts timeouts,
                                    ObjectMapper json) {
        this.needsKey = needsKey || baseUrl == null;
        this.providerId = providerId;
        this.completionsUri = baseUrl == null ? null : completions(baseUrl);
        this.baseUrl = baseUrl;
        this.apiKey = apiKey.filter(k -> !k.isBlank()).orElse(null);
        this.json = json;
        this.errors = new UpstreamErrors(providerId, this.apiKey, json);
        this.http = new UpstreamHttp(client, watchdog, timeouts, errors);
    }

    @Override
    public String providerId() {
        return providerId;
    }

    @Override
    public UpstreamReply complete(UpstreamCall call) {
        ObjectNode request = requestBody(call, false);
        return reply(call, request, http.call(post(call, request), call.credential()));
    }

    /**
     * Posts the caller's embeddings body (model rewritten) to the upstream's {@code /v1/embeddings},
     * checks the answer has one vector per input, and answers in OpenAI's exact shape and the
     * encoding the caller asked for, whatever encoding the upstream used.
     */
    @Override
    public UpstreamReply embed(UpstreamCall call) {
        ObjectNode request = requestBody(call, false);
        OpenAiEmbeddings.Request asked;
        try {
            asked = OpenAiEmbeddings.read(request);
        } catch (WireFormatException e) {
            throw new UpstreamException(Kind.REJECTED, 400, e.getMessage(), Optional.empty());
        }
        byte[] answer = http.call(post(call, request), call.credential());
        JsonNode root;
        try {
            root = json.readTree(answer);
        } catch (IOException e) {
            root = null;
        }
        List<float[]> vectors;
        try {
            vectors = OpenAiEmbeddings.vectors(root);
        } catch (WireFormatException e) {
            throw errors.invalid("answered with a body that is not an embeddings response");
        }
        if (vectors.size() != asked.size()) {
            throw errors.invalid("answered with " + vectors.size() + " embeddings for " + asked.size() + " inputs");
        }
        JsonNode usage = root.path("usage").path("prompt_tokens");
        boolean reported = usage.canConvertToLong();
        long tokens = reported ? usage.asLong() : TokenEstimate.forModel(call.upstreamModel()).embeddingInput(request);
        String model = root.path("model").asText(call.upstreamModel());
        return new UpstreamReply(write(OpenAiEmbeddings.response(json, vectors, model, tokens, asked.base64())),
                new TokenUsage(tokens, 0), !reported);
    }

    @Override
    public StreamOutcome stream(UpstreamCall call, StreamListener listener) {
        ObjectNode request = requestBody(call, true);
        HttpPost post = post(call, request);
        TokenEstimate tokens = TokenEstimate.forModel(call.upstreamModel());
        StreamState state = new StreamState();
        return http.stream(post, call.credential(), (body, watch) -> relayAll(body, call, state, listener, tokens, request, post, watch));
    }

    private StreamOutcome relayAll(InputStream in, UpstreamCall call, StreamState state, StreamListener listener,
                                   TokenEstimate tokens, ObjectNode request, HttpPost post, UpstreamWatchdog.Watch watch)
            throws IOException {
        SseReader events = new SseReader(in);
        try {
            byte[] data;
            while ((data = events.next(watch)) != null) {
                if (java.util.Arrays.equals(data, DONE)) {
                    break;
                }
                relay(data, call, state, listener);
            }
        } catch (ClientGoneException gone) {
            return new StreamOutcome(state.estimate(tokens, request), true, true, Optional.empty());
        } catch (IOException broken) {
            if (state.forwarded == 0) {
                throw broken;
            }
            String why = watch.expired();
            return brokenOff(state, tokens, request, why == null
                    ? "The provider " + providerId + " broke off the stream"
                    : "The provider " + providerId + " timed out (" + why + ") during the stream");
        } catch (MalformedChunk malformed) {
            if (state.forwarded == 0) {
                post.cancel();
                throw errors.invalid("sent a stream that is not valid");
            }
            return brokenOff(state, tokens, request, "The provider " + providerId + " sent a malformed chunk");
        } catch (UpstreamError error) {
            if (state.forwarded == 0) {
                post.cancel();
                throw new UpstreamException(Kind.UNAVAILABLE, 502, error.getMessage(), Optional.empty());
            }
            return brokenOff(state, tokens, request, error.getMessage());
        }
        if (state.reported != null) {
            return new StreamOutcome(state.reported, false, false, Optional.empty());
        }
        return new StreamOutcome(state.estimate(tokens, request), true, false, Optional.empty());
    }

    private StreamOutcome brokenOff(StreamState state, TokenEstimate tokens, ObjectNode request, String why) {
        LOG.warn("stream from {} ended early after {} chunks: {}", providerId, state.forwarded, why);
        TokenUsage usage = state.reported != null ? state.reported : state.estimate(tokens, request);
        return new StreamOutcome(usage, state.reported == null, false, Optional.of(why));
    }

    /** Forwards one SSE data payload, keeping usage for the charge and out of the caller's way if unasked. */
    private void relay(byte[] data, UpstreamCall call, StreamState state, StreamListener listener) {
        JsonNode chunk;
        try {
            chunk = json.readTree(data);
        } catch (IOException e) {
            throw new MalformedChunk();
        }
        if (chunk == null || !chunk.isObject()) {
            throw new MalformedChunk();
        }
        if (chunk.has("error")) {
            throw new UpstreamError("The provider " + providerId + " reported an error in the stream: "
                    + errors.scrub(chunk.path("error").path("message").asText("unknown error")));
        }
        JsonNode usage = chunk.get("usage");
        OpenAiUsage.read(usage).ifPresent(reported -> state.reported = reported);
        StringBuilder produced = new StringBuilder();
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.path("delta");
            produced.append(TokenEstimate.text(delta.path("content")));
            produced.append(choice.path("text").asText(""));
            for (JsonNode toolCall : delta.path("tool_calls")) {
                produced.append(toolCall.path("function").path("name").asText(""))
                        .append(toolCall.path("function").path("arguments").asText(""));
            }
        }
        byte[] forward = data;
        if (usage != null && !call.usageChunkForCaller()) {
            if (chunk.path("choices").isEmpty()) {
                return;
            }
            ((ObjectNode) chunk).remove("usage");
            forward = write(chunk);
        }
        listener.onChunk(forward);
        state.output.append(produced);
        state.forwarded++;
    }

    private ObjectNode requestBody(UpstreamCall call, boolean stream) {
        try {
            ObjectNode node = (ObjectNode) json.readTree(call.body());
            node.put("model", call.upstreamModel());
            if (call.endpoint() == Endpoint.EMBEDDINGS) {
                return node;
            }
            if (stream) {
                node.put("stream", true);
                node.putObject("stream_options").put("include_usage", true);
            } else {
                node.remove("stream");
                node.remove("stream_options");
            }
            if (call.defaultMaxOutputTokens() != null) {
                node.put("max_tokens", call.defaultMaxOutputTokens());
            }
            return node;
        } catch (IOException | ClassCastException e) {
            throw new UpstreamException(Kind.REJECTED, 400, "The request body is not a JSON object", Optional.empty());
        }
    }

    private HttpPost post(UpstreamCall call, ObjectNode request) {
        UpstreamCredential own = call.credential();
        URI base = own != null && own.baseUrl() != null ? own.baseUrl() : baseUrl;
        HttpPost post = new HttpPost(call.endpoint() == Endpoint.CHAT && base == baseUrl ? completionsUri
                : endpointUri(base, call.endpoint()));
        post.setEntity(new ByteArrayEntity(write(request), ContentType.APPLICATION_JSON));
        String key = call.apiKeyOr(apiKey);
        if (key != null) {
            post.setHeader("Authorization", "Bearer " + key);
        }
        return post;
    }

    private static URI completions(URI baseUrl) {
        return UpstreamHttp.join(baseUrl, "chat/completions");
    }

    private static URI endpointUri(URI baseUrl, Endpoint endpoint) {
        return switch (endpoint) {
            case CHAT -> completions(baseUrl);
            case COMPLETIONS -> UpstreamHttp.join(baseUrl, "completions");
            case EMBEDDINGS -> UpstreamHttp.join(baseUrl, "embeddings");
        };
    }

    @Override
    public boolean hasPlatformCredential() {
        return completionsUri != null && (apiKey != null || !needsKey);
    }

    private UpstreamReply reply(UpstreamCall call, ObjectNode request, byte[] responseBody) {
        JsonNode root;
        try {
            root = json.readTree(responseBody);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw errors.invalid("answered with a body that is not a JSON object");
        }
        Optional<TokenUsage> reported = OpenAiUsage.read(root.path("usage"));
        if (reported.isPresent()) {
            return new UpstreamReply(responseBody, reported.get(), false);
        }
        return new UpstreamReply(responseBody, TokenEstimate.forModel(call.upstreamModel()).of(request, root), true);
    }

    private byte[] write(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** What a stream has produced so far. */
    private static final class StreamState {
        final StringBuilder output = new StringBuilder();
        TokenUsage reported;
        int forwarded;

        TokenUsage estimate(TokenEstimate tokens, JsonNode request) {
            return new TokenUsage(tokens.prompt(request), tokens.count(output.toString()));
        }
    }

    private static final class MalformedChunk extends RuntimeException {
        MalformedChunk() {
            super(null, null, false, false);
        }
    }

    private static final class UpstreamError extends RuntimeException {
        UpstreamError(String message) {
            super(message, null, false, false);
        }
    }
}
