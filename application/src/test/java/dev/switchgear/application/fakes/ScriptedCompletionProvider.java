package dev.switchgear.application.fakes;

import dev.switchgear.application.port.out.completion.CompletionProvider;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A provider that answers each call with what the test scripted, and remembers the calls. */
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
}
