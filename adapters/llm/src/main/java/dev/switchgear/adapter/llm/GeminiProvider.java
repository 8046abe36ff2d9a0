package dev.switchgear.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.gemini.GeminiCodec;
import dev.switchgear.adapter.wire.openai.ChatContent;
import dev.switchgear.adapter.wire.openai.ChunkDecoder;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import dev.switchgear.domain.shared.TokenUsage;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * Google's Gemini API ({@code models/{model}:generateContent} and
 * {@code :streamGenerateContent?alt=sse}, key in {@code x-goog-api-key}) behind the OpenAI-format
 * port, translated by the {@link GeminiCodec}. An answer without {@code usageMetadata} is counted
 * locally and marked estimated.
 */
public class GeminiProvider extends TranslatingProvider {

    private final GeminiCodec codec;

    public GeminiProvider(String providerId, URI baseUrl, Optional<String> apiKey, CloseableHttpClient client,
                          UpstreamWatchdog watchdog, UpstreamTimeouts timeouts, ObjectMapper json, Clock clock) {
        super(providerId, baseUrl, apiKey, client, watchdog, timeouts, json, clock);
        this.codec = new GeminiCodec(json);
    }

    @Override
    protected URI uri(UpstreamCall call, boolean stream) {
        String model = URLEncoder.encode(call.upstreamModel(), StandardCharsets.UTF_8);
        return UpstreamHttp.join(baseUrl, "v1beta/models/" + model
                + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent"));
    }

    @Override
    protected void authorize(HttpPost post, String key) {
        post.setHeader("x-goog-api-key", key);
    }

    @Override
    protected ObjectNode request(UpstreamCall call, ObjectNode openAi, boolean stream) {
        return codec.toGeminiRequest(openAi, call.defaultMaxOutputTokens());
    }

    @Override
    protected UpstreamReply reply(UpstreamCall call, ObjectNode openAi, JsonNode answer) {
        if (!codec.hasCandidates(answer)) {
            throw errors.invalid("answered with a body that has no candidates");
        }
        ObjectNode completion = codec.toOpenAiResponse(answer, call.upstreamModel(), clock.instant().getEpochSecond());
        Optional<TokenUsage> reported = codec.usage(answer);
        TokenUsage usage = reported.orElseGet(() -> TokenEstimate.forModel(call.upstreamModel()).of(openAi, completion));
        ChatContent.putUsage(completion, usage);
        return new UpstreamReply(write(completion), usage, reported.isEmpty());
    }

    @Override
    protected ChunkDecoder decoder(UpstreamCall call, ChunkDecoder.Out out) {
        return codec.eventDecoder(clock, call.upstreamModel(), call.usageChunkForCaller(), out);
    }
}
