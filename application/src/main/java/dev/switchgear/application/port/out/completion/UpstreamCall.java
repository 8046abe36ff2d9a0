package dev.switchgear.application.port.out.completion;

import java.util.Optional;

/**
 * A chat completion to send upstream: the provider's model id, the caller's OpenAI-format body,
 * the output cap to add when the caller set none ({@code null} when the body has its own), and,
 * for streams, whether the caller asked for the usage chunk ({@code stream_options.include_usage});
 * the gateway always asks the upstream for it. {@code credential} is the caller's own key (BYOK),
 * or null to use the platform's key.
 */
public record UpstreamCall(String upstreamModel, byte[] body, Integer defaultMaxOutputTokens,
                           boolean usageChunkForCaller, UpstreamCredential credential) {

    public UpstreamCall(String upstreamModel, byte[] body, Integer defaultMaxOutputTokens,
                        boolean usageChunkForCaller) {
        this(upstreamModel, body, defaultMaxOutputTokens, usageChunkForCaller, null);
    }

    public UpstreamCall(String upstreamModel, byte[] body, Integer defaultMaxOutputTokens) {
        this(upstreamModel, body, defaultMaxOutputTokens, false, null);
    }

    public Optional<UpstreamCredential> byok() {
        return Optional.ofNullable(credential);
    }

    /** The key this call goes out with: the caller's own when it carries one, else {@code platformKey} (may be null). */
    public String apiKeyOr(String platformKey) {
        return credential != null ? credential.apiKey() : platformKey;
    }

    @Override
    public String toString() {
        return "UpstreamCall[" + upstreamModel + ", " + body.length + " bytes" + (credential == null ? "" : ", byok") + "]";
    }
}
