package dev.switchgear.application.fakes;

import dev.switchgear.application.port.in.completion.ClientGoneException;
import dev.switchgear.application.port.out.completion.CompletionProvider;
import dev.switchgear.application.port.out.completion.StreamListener;
import dev.switchgear.application.port.out.completion.StreamOutcome;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import dev.switchgear.domain.shared.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Optional;
import java.util.List;
import java.util.function.Function;

/**
 * A provider that answers each call with what the test scripted, and remembers the calls. A
 * scripted stream sends its chunks one by one; each chunk counts as one output token, and a
 * caller who goes away makes the outcome "client gone" with the tokens sent so far.
 */
public class ScriptedCompletionProvider implements CompletionProvider {

    private final String id;
    private volatile Function<UpstreamCall, UpstreamReply> answer;
    private final List<UpstreamCall> calls = new ArrayList<>();

    public ScriptedCompletionProvider(String id, Function<UpstreamCall, UpstreamReply> answer) {
        this.id = id;
        this.answer = answer;
    }

    public void answerWith(Function<UpstreamCall, UpstreamReply> answer) {
        this.answer = answer;
    }

    private volatile List<String> streamChunks = List.of();
    private volatile long streamPromptTokens;
    private volatile String streamFailure;

    public void streamWith(List<String> chunks, long promptTokens, String failureAfterChunks) {
        this.streamChunks = List.copyOf(chunks);
        this.streamPromptTokens = promptTokens;
        this.streamFailure = failureAfterChunks;
    }

    private volatile UpstreamException streamRefusal;
    private volatile TokenUsage streamReported;
    private volatile boolean streamWithoutUsage;

    /** Streams fail before their first chunk with {@code refusal}, as an unreachable or refusing upstream's do (null: they do not). */
    public void refuseStreamsWith(UpstreamException refusal) {
        this.streamRefusal = refusal;
    }

    /**
     * A stream that finishes reports {@code usage} as the upstream's; by default it reports the
     * prompt tokens and one output token per chunk.
     */
    public void streamReporting(TokenUsage usage) {
        this.streamReported = usage;
        this.streamWithoutUsage = false;
    }

    /** A stream that finishes reports no usage: it is counted (prompt tokens, one per chunk) and marked estimated. */
    public void streamReportingNoUsage() {
        this.streamReported = null;
        this.streamWithoutUsage = true;
    }

    public synchronized List<UpstreamCall> calls() {
        return List.copyOf(calls);
    }

    @Override
    public String providerId() {
        return id;
    }

    @Override
    public UpstreamReply complete(UpstreamCall call) {
        synchronized (this) {
            calls.add(call);
        }
        return answer.apply(call);
    }

    @Override
    public StreamOutcome stream(UpstreamCall call, StreamListener listener) {
        synchronized (this) {
            calls.add(call);
        }
        if (streamRefusal != null) {
            throw streamRefusal;
        }
        long sent = 0;
        for (String chunk : streamChunks) {
            try {
                listener.onChunk(chunk.getBytes(StandardCharsets.UTF_8));
            } catch (ClientGoneException e) {
                return new StreamOutcome(new TokenUsage(streamPromptTokens, sent), true, true, Optional.empty());
            }
            sent++;
        }
        if (streamFailure != null) {
            return new StreamOutcome(new TokenUsage(streamPromptTokens, sent), true, false, Optional.of(streamFailure));
        }
        if (streamReported != null) {
            return new StreamOutcome(streamReported, false, false, Optional.empty());
        }
        return new StreamOutcome(new TokenUsage(streamPromptTokens, sent), streamWithoutUsage, false, Optional.empty());
    }
}
