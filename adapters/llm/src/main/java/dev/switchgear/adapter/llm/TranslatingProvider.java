package dev.switchgear.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.WireFormatException;
import dev.switchgear.adapter.wire.openai.ChunkDecoder;
import dev.switchgear.application.port.out.completion.CompletionProvider;
import dev.switchgear.application.port.out.completion.StreamListener;
import dev.switchgear.application.port.out.completion.StreamOutcome;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import dev.switchgear.domain.routing.api.Endpoint;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * The transport every provider with its own wire format shares (Anthropic, Cohere, Gemini): the
 * platform key and the caller's own, the caller's OpenAI body read once, the vendor request posted
 * with the deadlines watched and failures mapped ({@link UpstreamHttp}), the answer parsed, and a
 * stream relayed through the vendor's decoder ({@link StreamRelay}). A subclass says where to post,
 * how the key goes in, and how its vendor's format maps (with a codec from the wire module). A
 * request the vendor's format cannot express is rejected before any call.
 *
 * <p>Embeddings take the same transport when the vendor has an embeddings API (a subclass overrides
 * {@link #embedUri}, {@link #embedRequest} and {@link #embedReply}); the legacy completions are
 * never translated (ADR 0022) and are refused here before any call.
 */
abstract class TranslatingProvider implements CompletionProvider {

    protected final String providerId;
    protected final URI baseUrl;
    protected final ObjectMapper json;
    protected final UpstreamErrors errors;
    protected final Clock clock;
    private final String apiKey;
    private final UpstreamHttp http;

    TranslatingProvider(String providerId, URI baseUrl, Optional<String> apiKey, CloseableHttpClient client,
                        UpstreamWatchdog watchdog, UpstreamTimeouts timeouts, ObjectMapper json, Clock clock) {
        this.providerId = providerId;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey.filter(k -> !k.isBlank()).orElse(null);
        this.json = json;
        this.errors = new UpstreamErrors(providerId, this.apiKey, json);
        this.clock = clock;
        this.http = new UpstreamHttp(client, watchdog, timeouts, errors);
    }

    @Override
    public final String providerId() {
        return providerId;
    }

    @Override
    public final boolean hasPlatformCredential() {
        return apiKey != null;
    }

    @Override
    public final UpstreamReply complete(UpstreamCall call) {
        chatOnly(call);
        ObjectNode openAi = openAiRequest(call);
        byte[] body = http.call(post(call, openAi, false), call.credential());
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (IOException e) {
            answer = null;
        }
        return reply(call, openAi, answer);
    }

    @Override
    public final StreamOutcome stream(UpstreamCall call, StreamListener listener) {
        chatOnly(call);
        ObjectNode openAi = openAiRequest(call);
        HttpPost post = post(call, openAi, true);
        StreamRelay relay = new StreamRelay(call, listener, json, errors, providerId);
        ChunkDecoder decoder = decoder(call, relay);
        return http.stream(post, call.credential(), (body, watch) -> relay.relay(decoder, body, watch, openAi, post));
    }

    @Override
    public final UpstreamReply embed(UpstreamCall call) {
        ObjectNode openAi = openAiRequest(call);
        ObjectNode request;
        URI uri;
        try {
            request = embedRequest(call, openAi);
            uri = embedUri(call, openAi);
        } catch (WireFormatException e) {
            throw new UpstreamException(UpstreamException.Kind.REJECTED, 400, e.getMessage(), Optional.empty());
        }
        HttpPost post = new HttpPost(uri);
        post.setEntity(new ByteArrayEntity(write(request), ContentType.APPLICATION_JSON));
        headers(post);
        String key = call.apiKeyOr(apiKey);
        if (key != null) {
            authorize(post, key);
        }
        byte[] body = http.call(post, call.credential());
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (IOException e) {
            answer = null;
        }
        try {
            return embedReply(call, openAi, answer);
        } catch (WireFormatException e) {
            throw errors.invalid("answered with embeddings that cannot be read");
        }
    }

    /** Where an embeddings call goes; by default the vendor has none and the call is refused. */
    protected URI embedUri(UpstreamCall call, ObjectNode openAi) {
        throw new UpstreamException(UpstreamException.Kind.REJECTED, 400, "The provider " + providerId
                + " serves no embeddings", Optional.empty());
    }

    /** The vendor's embeddings request for the caller's OpenAI embeddings request. */
    protected ObjectNode embedRequest(UpstreamCall call, ObjectNode openAi) {
        throw new UpstreamException(UpstreamException.Kind.REJECTED, 400, "The provider " + providerId
                + " serves no embeddings", Optional.empty());
    }

    /** The OpenAI-format embeddings reply for the vendor's parsed answer ({@code null} when it was not JSON). */
    protected UpstreamReply embedReply(UpstreamCall call, ObjectNode openAi, JsonNode answer) {
        throw errors.invalid("answered an embeddings call it does not serve");
    }

    private void chatOnly(UpstreamCall call) {
        if (call.endpoint() != Endpoint.CHAT) {
            throw new UpstreamException(UpstreamException.Kind.REJECTED, 400, "The provider " + providerId
                    + " serves chat only, not the legacy completions", Optional.empty());
        }
    }

    /** Where a call goes: the vendor's endpoint for this model, plain or streamed. */
    protected abstract URI uri(UpstreamCall call, boolean stream);

    /** Puts the key this call goes out with into the vendor's header. */
    protected abstract void authorize(HttpPost post, String key);

    /** The vendor's request for the caller's OpenAI request; may throw {@link WireFormatException}. */
    protected abstract ObjectNode request(UpstreamCall call, ObjectNode openAi, boolean stream);

    /**
     * The OpenAI-format reply for the vendor's parsed answer ({@code null} when it was not JSON); an
     * answer that is not the vendor's shape is {@code errors.invalid(..)}.
     */
    protected abstract UpstreamReply reply(UpstreamCall call, ObjectNode openAi, JsonNode answer);

    /** The vendor's stream decoder for this call, handing its chunks to {@code out}. */
    protected abstract ChunkDecoder decoder(UpstreamCall call, ChunkDecoder.Out out);

    /** Headers every request of this vendor carries besides the key; none by default. */
    protected void headers(HttpPost post) {
    }

    protected final byte[] write(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private ObjectNode openAiRequest(UpstreamCall call) {
        JsonNode node;
        try {
            node = json.readTree(call.body());
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw new UpstreamException(UpstreamException.Kind.REJECTED, 400, "The request body is not a JSON object",
                    Optional.empty());
        }
        return (ObjectNode) node;
    }

    private HttpPost post(UpstreamCall call, ObjectNode openAi, boolean stream) {
        ObjectNode request;
        try {
            request = request(call, openAi, stream);
        } catch (WireFormatException e) {
            throw new UpstreamException(UpstreamException.Kind.REJECTED, 400, e.getMessage(), Optional.empty());
        }
        HttpPost post = new HttpPost(uri(call, stream));
        post.setEntity(new ByteArrayEntity(write(request), ContentType.APPLICATION_JSON));
        headers(post);
        String key = call.apiKeyOr(apiKey);
        if (key != null) {
            authorize(post, key);
        }
        return post;
    }
}
