package dev.switchgear.application.port.out.completion;

/**
 * A chat completion to send upstream: the provider's model id, the caller's OpenAI-format body,
 * the output cap to add when the caller set none ({@code null} when the body has its own), and,
 * for streams, whether the caller asked for the usage chunk ({@code stream_options.include_usage});
 * the gateway always asks the upstream for it.
 */
public record UpstreamCall(String upstreamModel, byte[] body, Integer defaultMaxOutputTokens,
                           boolean usageChunkForCaller) {

    public UpstreamCall(String upstreamModel, byte[] body, Integer defaultMaxOutputTokens) {
        this(upstreamModel, body, defaultMaxOutputTokens, false);
    }
}
