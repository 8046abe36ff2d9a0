package dev.switchgear.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.application.port.in.completion.ClientGoneException;
import dev.switchgear.application.port.out.completion.StreamListener;
import dev.switchgear.application.port.out.completion.StreamOutcome;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.domain.shared.TokenUsage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpPost;

/**
 * Turns a vendor's stream events into OpenAI chunks: the shared part of every translating
 * provider (Anthropic, Cohere, Gemini). A subclass maps one event at a time ({@link #on}); this
 * class builds and delivers the chunks, keeps what was produced and the reported usage, and
 * decides how the stream ended (finished, caller gone, upstream broke off) and what it costs.
 */
abstract class ChunkTranslator {

    protected final UpstreamCall call;
    protected final ObjectMapper json;
    private final StreamListener listener;
    private final Clock clock;
    private final StringBuilder produced = new StringBuilder();
    protected String id;
    protected String model;
    /** The usage the upstream reported for the whole stream, once it has. */
    protected TokenUsage reported;
    /** Prompt tokens the upstream reported before the end (Anthropic's message_start), if any. */
    protected long knownInputTokens = -1;
    /** Set by a subclass when the vendor's end-of-message event arrived. */
    protected boolean ended;
    private int forwarded;

    ChunkTranslator(UpstreamCall call, StreamListener listener, ObjectMapper json, Clock clock, String id) {
        this.call = call;
        this.listener = listener;
        this.json = json;
        this.clock = clock;
        this.id = id;
        this.model = call.upstreamModel();
    }

    /** Maps one event's data; may throw {@link UpstreamException} for an error event. */
    abstract void on(byte[] data);

    /** Called when the upstream closed the stream without an error; nothing to do by default. */
    void atEndOfStream() {
    }

    /**
     * Reads the whole stream and says how it ended. Before the first chunk went out, a broken
     * connection or an error event is still thrown (the call can fail over); after it, the stream is
     * ended and charged for what was produced.
     */
    static StreamOutcome relay(ChunkTranslator translator, InputStream body, UpstreamWatchdog.Watch watch,
                               JsonNode openAi, HttpPost post, String providerId) throws IOException {
        SseReader events = new SseReader(body);
        try {
            byte[] data;
            while (!translator.ended && (data = events.next(watch)) != null) {
                translator.on(data);
            }
            translator.atEndOfStream();
            return translator.outcome(Optional.empty(), openAi);
        } catch (ClientGoneException gone) {
            return new StreamOutcome(translator.estimate(openAi), true, true, Optional.empty());
        } catch (IOException broken) {
            if (translator.forwarded == 0) {
                throw broken;
            }
            String why = watch.expired();
            return translator.outcome(Optional.of(why == null ? "The provider " + providerId + " broke off the stream"
                    : "The provider " + providerId + " timed out (" + why + ") during the stream"), openAi);
        } catch (UpstreamException failure) {
            if (translator.forwarded == 0) {
                post.cancel();
                throw failure;
            }
            return translator.outcome(Optional.of(failure.getMessage()), openAi);
        }
    }

    protected JsonNode read(byte[] data, UpstreamErrors errors) {
        try {
            return json.readTree(data);
        } catch (IOException e) {
            throw errors.invalid("sent a malformed event");
        }
    }

    /** A chunk with one choice carrying {@code delta}; {@code text} is what it adds to the output. */
    protected void send(ObjectNode delta, String finishReason, String text) {
        ObjectNode chunk = envelope();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        deliver(chunk, text);
    }

    /** The usage chunk, when the caller asked for it and the upstream reported usage. */
    protected void sendUsageIfAsked() {
        if (call.usageChunkForCaller() && reported != null) {
            ObjectNode chunk = envelope();
            chunk.putArray("choices");
            chunk.putObject("usage").put("prompt_tokens", reported.inputTokens())
                    .put("completion_tokens", reported.outputTokens()).put("total_tokens", reported.totalTokens());
            deliver(chunk, "");
        }
    }

    private ObjectNode envelope() {
        ObjectNode chunk = json.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", clock.instant().getEpochSecond());
        chunk.put("model", model);
        return chunk;
    }

    private void deliver(ObjectNode chunk, String text) {
        try {
            listener.onChunk(json.writeValueAsBytes(chunk));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
        produced.append(text);
        forwarded++;
    }

    private TokenUsage estimate(JsonNode openAi) {
        TokenEstimate tokens = TokenEstimate.forModel(call.upstreamModel());
        long input = knownInputTokens >= 0 ? knownInputTokens : tokens.prompt(openAi);
        return new TokenUsage(input, tokens.count(produced.toString()));
    }

    private StreamOutcome outcome(Optional<String> failure, JsonNode openAi) {
        if (failure.isEmpty() && reported != null) {
            return new StreamOutcome(reported, false, false, Optional.empty());
        }
        return new StreamOutcome(estimate(openAi), true, false, failure);
    }
}
