package dev.switchgear.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.cohere.CohereChatCodec;
import dev.switchgear.adapter.wire.cohere.CohereEmbedCodec;
import dev.switchgear.adapter.wire.openai.OpenAiEmbeddings;
import dev.switchgear.adapter.wire.openai.ChunkDecoder;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import dev.switchgear.domain.shared.TokenUsage;
import java.util.List;
import java.util.OptionalLong;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * Cohere's Chat API v2 ({@code POST /v2/chat}, bearer key) behind the OpenAI-format port, translated
 * by the {@link CohereChatCodec}; embeddings go to its Embed API v2 ({@code POST /v2/embed}),
 * translated by the {@link CohereEmbedCodec}. Charges use Cohere's billed units when it reports them.
 */
public class CohereProvider extends TranslatingProvider {

    private final URI chatUri;
    private final CohereChatCodec codec;
    private final URI embedUri;
    private final CohereEmbedCodec embedCodec;

    public CohereProvider(String providerId, URI baseUrl, Optional<String> apiKey, CloseableHttpClient client,
                          UpstreamWatchdog watchdog, UpstreamTimeouts timeouts, ObjectMapper json, Clock clock) {
        super(providerId, baseUrl, apiKey, client, watchdog, timeouts, json, clock);
        this.chatUri = UpstreamHttp.join(baseUrl, "v2/chat");
        this.codec = new CohereChatCodec(json);
        this.embedUri = UpstreamHttp.join(baseUrl, "v2/embed");
        this.embedCodec = new CohereEmbedCodec(json);
    }

    @Override
    protected URI embedUri(UpstreamCall call, ObjectNode openAi) {
        return embedUri;
    }

    @Override
    protected ObjectNode embedRequest(UpstreamCall call, ObjectNode openAi) {
        return embedCodec.toCohereRequest(openAi, call.upstreamModel());
    }

    @Override
    protected UpstreamReply embedReply(UpstreamCall call, ObjectNode openAi, JsonNode answer) {
        if (!embedCodec.isEmbedResponse(answer)) {
            throw errors.invalid("answered with a body that is not an embed response");
        }
        List<float[]> vectors = embedCodec.vectors(answer);
        OptionalLong billed = CohereEmbedCodec.billedInputTokens(answer);
        long tokens = billed.orElseGet(() -> TokenEstimate.forModel(call.upstreamModel()).embeddingInput(openAi));
        boolean base64 = OpenAiEmbeddings.read(openAi).base64();
        return new UpstreamReply(write(OpenAiEmbeddings.response(json, vectors, call.upstreamModel(), tokens, base64)),
                new TokenUsage(tokens, 0), billed.isEmpty());
    }

    @Override
    protected URI uri(UpstreamCall call, boolean stream) {
        return chatUri;
    }

    @Override
    protected void headers(HttpPost post) {
        post.setHeader("Accept", "application/json");
    }

    @Override
    protected void authorize(HttpPost post, String key) {
        post.setHeader("Authorization", "Bearer " + key);
    }

    @Override
    protected ObjectNode request(UpstreamCall call, ObjectNode openAi, boolean stream) {
        return codec.toCohereRequest(openAi, call.upstreamModel(), call.defaultMaxOutputTokens(), stream);
    }

    @Override
    protected UpstreamReply reply(UpstreamCall call, ObjectNode openAi, JsonNode answer) {
        if (!codec.isChatResponse(answer)) {
            throw errors.invalid("answered with a body that is not a chat response");
        }
        return new UpstreamReply(write(codec.toOpenAiResponse(answer, call.upstreamModel(),
                clock.instant().getEpochSecond())), CohereChatCodec.usage(answer.path("usage")), false);
    }

    @Override
    protected ChunkDecoder decoder(UpstreamCall call, ChunkDecoder.Out out) {
        return codec.eventDecoder(clock, call.upstreamModel(), call.usageChunkForCaller(), out);
    }
}
