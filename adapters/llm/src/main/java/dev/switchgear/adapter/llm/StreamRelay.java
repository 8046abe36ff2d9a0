package dev.switchgear.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.StreamErrorEvent;
import dev.switchgear.adapter.wire.openai.ChunkDecoder;
import dev.switchgear.application.port.in.completion.ClientGoneException;
import dev.switchgear.application.port.out.completion.StreamListener;
import dev.switchgear.application.port.out.completion.StreamOutcome;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.domain.shared.TokenUsage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpPost;

/**
 * The transport half of a translated stream: reads the vendor's Server-Sent Events, hands each
 * event's data to the vendor's {@link ChunkDecoder} (from the wire module), passes the OpenAI chunks
 * it makes to the caller, keeps what was produced, and decides how the stream ended (finished,
 * caller gone, upstream broke off) and what it costs. Before the first chunk went out, a broken
 * connection or an error event is still thrown (the call can fail over); after it, the stream is
 * ended and charged for what was produced.
 */
final class StreamRelay implements ChunkDecoder.Out {

    private final UpstreamCall call;
    private final StreamListener listener;
    private final ObjectMapper json;
    private final UpstreamErrors errors;
    private final String providerId;
    private final StringBuilder produced = new StringBuilder();
    private int forwarded;

    StreamRelay(UpstreamCall call, StreamListener listener, ObjectMapper json, UpstreamErrors errors, String providerId) {
        this.call = call;
        this.listener = listener;
        this.json = json;
        this.errors = errors;
        this.providerId = providerId;
    }

    @Override
    public void chunk(ObjectNode chunk, String text) {
        try {
            listener.onChunk(json.writeValueAsBytes(chunk));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
        produced.append(text);
        forwarded++;
    }

    /** Reads the whole stream through {@code decoder} (whose chunks come to this relay) and says how it ended. */
    StreamOutcome relay(ChunkDecoder decoder, InputStream body, UpstreamWatchdog.Watch watch, JsonNode openAi,
                        HttpPost post) throws IOException {
        SseReader events = new SseReader(body);
        try {
            byte[] data;
            while (!decoder.ended() && (data = events.next(watch)) != null) {
                decode(decoder, data);
            }
            decoder.atEndOfStream();
            return outcome(decoder, Optional.empty(), openAi);
        } catch (ClientGoneException gone) {
            return new StreamOutcome(estimate(decoder, openAi), true, true, Optional.empty());
        } catch (IOException broken) {
            if (forwarded == 0) {
                throw broken;
            }
            String why = watch.expired();
            return outcome(decoder, Optional.of(why == null ? "The provider " + providerId + " broke off the stream"
                    : "The provider " + providerId + " timed out (" + why + ") during the stream"), openAi);
        } catch (UpstreamException failure) {
            if (forwarded == 0) {
                post.cancel();
                throw failure;
            }
            return outcome(decoder, Optional.of(failure.getMessage()), openAi);
        }
    }

    private void decode(ChunkDecoder decoder, byte[] data) {
        JsonNode event;
        try {
            event = json.readTree(data);
        } catch (IOException e) {
            throw errors.invalid("sent a malformed event");
        }
        try {
            decoder.on(event);
        } catch (StreamErrorEvent error) {
            throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, 502, "The provider " + providerId
                    + " reported an error in the stream: " + errors.scrub(error.vendorMessage()), Optional.empty());
        }
    }

    private TokenUsage estimate(ChunkDecoder decoder, JsonNode openAi) {
        TokenEstimate tokens = TokenEstimate.forModel(call.upstreamModel());
        long output = tokens.count(produced.toString());
        return decoder.knownInput()
                .map(input -> new TokenUsage(input.inputTokens(), output, input.cachedInputTokens(),
                        input.cacheWrite5mTokens(), input.cacheWrite1hTokens(), 0))
                .orElseGet(() -> new TokenUsage(tokens.prompt(openAi), output));
    }

    private StreamOutcome outcome(ChunkDecoder decoder, Optional<String> failure, JsonNode openAi) {
        if (failure.isEmpty() && decoder.reported().isPresent()) {
            return new StreamOutcome(decoder.reported().get(), false, false, Optional.empty());
        }
        return new StreamOutcome(estimate(decoder, openAi), true, false, failure);
    }
}
