package dev.switchgear.adapter.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.domain.shared.TokenUsage;
import java.time.Clock;
import java.util.Optional;

/**
 * Decodes one vendor's stream events into OpenAI {@code chat.completion.chunk}s, the part every
 * translating stream shares: a subclass maps one event at a time ({@link #on}); this class builds
 * each chunk's envelope (id, created, model), hands it on with the text it adds to the output, and
 * keeps what the vendor reported (usage, prompt tokens known early, whether the message ended).
 * Reading the bytes, deadlines, and what a broken stream costs are the transport's business.
 */
public abstract class ChunkDecoder {

    /** Receives each decoded chunk and the text it adds to the output (for a local token count). */
    @FunctionalInterface
    public interface Out {
        void chunk(ObjectNode chunk, String text);
    }

    protected final ObjectMapper json;
    private final Clock clock;
    private final boolean usageChunkForCaller;
    private final Out out;
    protected String id;
    protected String model;
    /** The usage the vendor reported for the whole stream, once it has. */
    protected TokenUsage reported;
    /**
     * The input side of the usage the vendor reported before the end (Anthropic's message_start:
     * prompt tokens with their cache reads and writes, no output), or null.
     */
    protected TokenUsage knownInput;
    /** Set by a subclass when the vendor's end-of-message event arrived. */
    protected boolean ended;

    /**
     * @param id    the chunk id until the vendor names its message
     * @param model the model the chunks name until the vendor names one
     * @param usageChunkForCaller whether a usage chunk goes out at the end ({@code stream_options.include_usage})
     */
    protected ChunkDecoder(ObjectMapper json, Clock clock, String id, String model, boolean usageChunkForCaller,
                           Out out) {
        this.json = json;
        this.clock = clock;
        this.id = id;
        this.model = model;
        this.usageChunkForCaller = usageChunkForCaller;
        this.out = out;
    }

    /**
     * Maps one event's parsed data.
     *
     * @throws dev.switchgear.adapter.wire.StreamErrorEvent when the event reports an error
     */
    public abstract void on(JsonNode event);

    /** Called when the vendor closed the stream without an error; nothing to do by default. */
    public void atEndOfStream() {
    }

    /** Whether the vendor's end-of-message event arrived (nothing after it needs reading). */
    public final boolean ended() {
        return ended;
    }

    /** The usage the vendor reported for the whole stream, if it did. */
    public final Optional<TokenUsage> reported() {
        return Optional.ofNullable(reported);
    }

    /** Prompt tokens the vendor reported before the end, if it did. */
    public final Optional<Long> knownInputTokens() {
        return knownInput().map(TokenUsage::inputTokens);
    }

    /** The input side of the usage (prompt tokens and their cache parts) reported before the end, if it was. */
    public final Optional<TokenUsage> knownInput() {
        return Optional.ofNullable(knownInput);
    }

    /** A chunk with one choice carrying {@code delta}; {@code text} is what it adds to the output. */
    protected final void send(ObjectNode delta, String finishReason, String text) {
        ObjectNode chunk = envelope();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        out.chunk(chunk, text);
    }

    /** The usage chunk, when the caller asked for it and the vendor reported usage. */
    protected final void sendUsageIfAsked() {
        if (usageChunkForCaller && reported != null) {
            ObjectNode chunk = envelope();
            chunk.putArray("choices");
            OpenAiUsage.put(chunk, reported);
            out.chunk(chunk, "");
        }
    }

    /** A delta that opens a tool call: its index, id and name, and the first arguments. */
    protected final ObjectNode toolCallStart(int index, String callId, String name, String arguments) {
        ObjectNode delta = json.createObjectNode();
        ObjectNode toolCall = delta.putArray("tool_calls").addObject();
        toolCall.put("index", index);
        toolCall.put("id", callId);
        toolCall.put("type", "function");
        toolCall.putObject("function").put("name", name).put("arguments", arguments);
        return delta;
    }

    /** A delta that continues tool call {@code index} with more of its arguments. */
    protected final ObjectNode toolCallArguments(int index, String arguments) {
        ObjectNode delta = json.createObjectNode();
        ObjectNode toolCall = delta.putArray("tool_calls").addObject();
        toolCall.put("index", index);
        toolCall.putObject("function").put("arguments", arguments);
        return delta;
    }

    /** The first delta of every stream: the assistant's role and empty content. */
    protected final ObjectNode roleDelta() {
        return json.createObjectNode().put("role", "assistant").put("content", "");
    }

    private ObjectNode envelope() {
        ObjectNode chunk = json.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", clock.instant().getEpochSecond());
        chunk.put("model", model);
        return chunk;
    }
}
