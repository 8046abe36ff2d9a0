package dev.switchgear.application.contract;

import dev.switchgear.application.fakes.ScriptedCompletionProvider;
import dev.switchgear.application.port.out.completion.CompletionProvider;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.application.port.out.completion.UpstreamException.Kind;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The in-memory fake the application tests use keeps the {@link CompletionProviderContract} too. */
class ScriptedCompletionProviderContractTest extends CompletionProviderContract {

    private static final String ID = "scripted";

    private final ScriptedCompletionProvider provider = new ScriptedCompletionProvider(ID, call -> {
        throw new IllegalStateException("nothing scripted");
    });

    @Override
    protected CompletionProvider given(Upstream behaviour) {
        switch (behaviour) {
            case ANSWERS_TEXT -> provider.answerWith(call -> reply("{\"role\":\"assistant\",\"content\":\"" + TEXT + "\"}",
                    "stop"));
            case ANSWERS_TOOL_CALL -> provider.answerWith(call -> reply("{\"role\":\"assistant\",\"content\":null,"
                    + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"" + TOOL
                    + "\",\"arguments\":" + quoted(TOOL_ARGUMENTS) + "}}]}", "tool_calls"));
            case STREAMS_TEXT -> {
                provider.streamWith(List.of(role(), content(FIRST_PIECE), content(SECOND_PIECE), finish("stop"),
                        usage()), USAGE.inputTokens(), null);
                provider.streamReporting(USAGE);
            }
            case STREAMS_TOOL_CALL -> {
                provider.streamWith(List.of(role(),
                        delta("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":"
                                + "{\"name\":\"" + TOOL + "\",\"arguments\":\"\"}}]}"),
                        delta("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + quoted(TOOL_ARGUMENTS)
                                + "}}]}"),
                        finish("tool_calls")), USAGE.inputTokens(), null);
                provider.streamReporting(USAGE);
            }
            case STREAMS_TEXT_WITHOUT_USAGE -> {
                provider.streamWith(List.of(role(), content(FIRST_PIECE), content(SECOND_PIECE), finish("stop")),
                        USAGE.inputTokens(), null);
                provider.streamReportingNoUsage();
            }
            case BREAKS_THE_STREAM_AFTER_THE_FIRST_PIECE -> provider.streamWith(List.of(role(), content(FIRST_PIECE)),
                    USAGE.inputTokens(), "The provider " + ID + " broke off the stream");
            case GOES_QUIET_AFTER_THE_FIRST_PIECE -> provider.streamWith(List.of(role(), content(FIRST_PIECE)),
                    USAGE.inputTokens(), "The provider " + ID + " timed out (idle) during the stream");
            case RATE_LIMITS -> fail(new UpstreamException(Kind.RATE_LIMITED, 429, "The provider " + ID
                    + " is rate limiting requests", Optional.of(RETRY_AFTER)));
            case FAILS_WITH_503 -> fail(new UpstreamException(Kind.UNAVAILABLE, 503, "The provider " + ID
                    + " failed with status 503", Optional.empty()));
            case RESETS_THE_CONNECTION -> fail(new UpstreamException(Kind.UNAVAILABLE, 0, "The provider " + ID
                    + " could not be reached", Optional.empty()));
            case NEVER_ANSWERS -> fail(new UpstreamException(Kind.UNAVAILABLE, 0, "The provider " + ID
                    + " timed out (first byte)", Optional.empty()));
            default -> throw new IllegalArgumentException("unscripted: " + behaviour);
        }
        return provider;
    }

    @Override
    protected List<String> toolsOfferedUpstream() {
        List<UpstreamCall> calls = provider.calls();
        List<String> names = new ArrayList<>();
        read(calls.get(calls.size() - 1).body()).path("tools").forEach(t -> names.add(t.at("/function/name").asText()));
        return names;
    }

    private void fail(UpstreamException failure) {
        provider.answerWith(call -> {
            throw failure;
        });
        provider.refuseStreamsWith(failure);
    }

    private static UpstreamReply reply(String message, String finishReason) {
        String body = "{\"id\":\"chatcmpl-scripted\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"" + MODEL
                + "\",\"choices\":[{\"index\":0,\"message\":" + message + ",\"finish_reason\":\"" + finishReason
                + "\"}],\"usage\":{\"prompt_tokens\":" + USAGE.inputTokens() + ",\"completion_tokens\":"
                + USAGE.outputTokens() + ",\"total_tokens\":" + USAGE.totalTokens() + "}}";
        return new UpstreamReply(body.getBytes(StandardCharsets.UTF_8), USAGE, false);
    }

    private static String chunk(String choices, String usage) {
        return "{\"id\":\"chatcmpl-scripted\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + MODEL
                + "\",\"choices\":" + choices + (usage == null ? "" : ",\"usage\":" + usage) + "}";
    }

    private static String delta(String delta) {
        return chunk("[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":null}]", null);
    }

    private static String role() {
        return delta("{\"role\":\"assistant\",\"content\":\"\"}");
    }

    private static String content(String text) {
        return delta("{\"content\":\"" + text + "\"}");
    }

    private static String finish(String reason) {
        return chunk("[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}]", null);
    }

    private static String usage() {
        return chunk("[]", "{\"prompt_tokens\":" + USAGE.inputTokens() + ",\"completion_tokens\":"
                + USAGE.outputTokens() + ",\"total_tokens\":" + USAGE.totalTokens() + "}");
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\"", "\\\"") + "\"";
    }
}
