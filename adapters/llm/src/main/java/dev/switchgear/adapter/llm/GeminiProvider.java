package dev.switchgear.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.gemini.GeminiCodec;
import dev.switchgear.adapter.wire.gemini.GeminiEmbedCodec;
import dev.switchgear.adapter.wire.openai.OpenAiEmbeddings;
import dev.switchgear.adapter.wire.openai.ChatContent;
import dev.switchgear.adapter.wire.openai.ChunkDecoder;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import dev.switchgear.domain.shared.TokenUsage;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * Google's Gemini API ({@code models/{model}:generateContent} and
 * {@code :streamGenerateContent?alt=sse}, key in {@code x-goog-api-key}) behind the OpenAI-format
 * port, translated by the {@link GeminiCodec}. An answer without {@code usageMetadata} is counted
 * locally and marked estimated. Embeddings go to {@code models/{model}:embedContent} (one text) or
 * {@code :batchEmbedContents} (several), translated by the {@link GeminiEmbedCodec}; Gemini reports
 * no tokens for them, so they are counted locally and the charge marked estimated.
 */
public class GeminiProvider extends TranslatingProvider {

    private final GeminiCodec codec;
    private final GeminiEmbedCodec embedCodec;

    public GeminiProvider(String providerId, URI baseUrl, Optional<String> apiKey, CloseableHttpClient client,
                          UpstreamWatchdog watchdog, UpstreamTimeouts timeouts, ObjectMapper json, Clock clock) {
        super(providerId, baseUrl, apiKey, client, watchdog, timeouts, json, clock);
        this.codec = new GeminiCodec(json);
        this.embedCodec = new GeminiEmbedCodec(json);
    }

    @Override
    protected URI embedUri(UpstreamCall call, ObjectNode openAi) {
        String model = URLEncoder.encode(call.upstreamModel(), StandardCharsets.UTF_8);
        return UpstreamHttp.join(baseUrl, "v1beta/models/" + model
                + (GeminiEmbedCodec.isBatch(openAi) ? ":batchEmbedContents" : ":embedContent"));
    }

    @Override
    protected ObjectNode embedRequest(UpstreamCall call, ObjectNode openAi) {
        return GeminiEmbedCodec.isBatch(openAi) ? embedCodec.toBatchRequest(openAi, call.upstreamModel())
                : embedCodec.toEmbedContentRequest(openAi, call.upstreamModel());
    }

    @Override
    protected UpstreamReply embedReply(UpstreamCall call, ObjectNode openAi, JsonNode answer) {
        OpenAiEmbeddings.Request request = OpenAiEmbeddings.read(openAi);
        List<float[]> vectors = embedCodec.vectors(answer);
        if (vectors.size() != request.size()) {
            throw errors.invalid("answered with " + vectors.size() + " embeddings for " + request.size() + " texts");
        }
        OptionalLong reported = GeminiEmbedCodec.reportedTokens(answer);
        long tokens = reported.orElseGet(() -> TokenEstimate.forModel(call.upstreamModel()).embeddingInput(openAi));
        return new UpstreamReply(write(OpenAiEmbeddings.response(json, vectors, call.upstreamModel(), tokens,
                request.base64())), new TokenUsage(tokens, 0), reported.isEmpty());
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
