package dev.switchgear.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.anthropic.AnthropicMessagesCodec;
import dev.switchgear.adapter.wire.openai.ChunkDecoder;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}, {@code x-api-key},
 * {@code anthropic-version: 2023-06-01}) behind the OpenAI-format port: requests, answers and
 * stream events are translated by the {@link AnthropicMessagesCodec} that the inbound
 * {@code /v1/messages} route uses too.
 */
public class AnthropicProvider extends TranslatingProvider {

    private static final int DEFAULT_MAX_TOKENS = 4096;

    private final URI messagesUri;
    private final AnthropicMessagesCodec codec;

    public AnthropicProvider(String providerId, URI baseUrl, Optional<String> apiKey, CloseableHttpClient client,
                             UpstreamWatchdog watchdog, UpstreamTimeouts timeouts, ObjectMapper json, Clock clock) {
        super(providerId, baseUrl, apiKey, client, watchdog, timeouts, json, clock);
        this.messagesUri = UpstreamHttp.join(baseUrl, "v1/messages");
        this.codec = new AnthropicMessagesCodec(json);
    }

    @Override
    protected URI uri(UpstreamCall call, boolean stream) {
        return messagesUri;
    }

    @Override
    protected void headers(HttpPost post) {
        post.setHeader("anthropic-version", AnthropicMessagesCodec.API_VERSION);
    }

    @Override
    protected void authorize(HttpPost post, String key) {
        post.setHeader("x-api-key", key);
    }

    @Override
    protected ObjectNode request(UpstreamCall call, ObjectNode openAi, boolean stream) {
        return codec.toAnthropicRequest(openAi, call.upstreamModel(), maxTokens(call, openAi), stream);
    }

    @Override
    protected UpstreamReply reply(UpstreamCall call, ObjectNode openAi, JsonNode message) {
        if (!codec.isMessage(message)) {
            throw errors.invalid("answered with a body that is not a message");
        }
        return new UpstreamReply(write(codec.toOpenAiResponse(message, clock.instant().getEpochSecond())),
                codec.usage(message), false);
    }

    @Override
    protected ChunkDecoder decoder(UpstreamCall call, ChunkDecoder.Out out) {
        return codec.eventDecoder(clock, call.upstreamModel(), call.usageChunkForCaller(), out);
    }

    /** Anthropic requires an output cap: the plan's default, else the caller's, else 4096. */
    private static int maxTokens(UpstreamCall call, JsonNode openAi) {
        if (call.defaultMaxOutputTokens() != null) {
            return call.defaultMaxOutputTokens();
        }
        JsonNode cap = openAi.hasNonNull("max_completion_tokens") ? openAi.get("max_completion_tokens")
                : openAi.get("max_tokens");
        return cap != null && cap.canConvertToInt() ? cap.asInt() : DEFAULT_MAX_TOKENS;
    }
}
