package dev.switchgear.application.port.out.completion;

import dev.switchgear.domain.routing.api.Endpoint;
import java.util.Optional;

/**
 * A chat completion to send upstream: the provider's model id, the caller's OpenAI-format body,
 * the output cap to add when the caller set none ({@code null} when the body has its own), and,
 * for streams, whether the caller asked for the usage chunk ({@code stream_options.include_usage});
 * the gateway always asks the upstream for it. {@code credential} is the caller's own key (BYOK),
 * or null to use the platform's key. {@code endpoint} is the kind of call: chat (the default), the
 * legacy completions (the body in that API's format) or embeddings (the body in OpenAI's embeddings
 * format).
 */
public record UpstreamCall(String upstreamModel, byte[] body, Integer defaultMaxOutputTokens,
                           boolean usageChunkForCaller, UpstreamCredential credential, Endpoint endpoint) {

    public UpstreamCall {
        endpoint = endpoint == null ? Endpoint.CHAT : endpoint;
    }

    public UpstreamCall(String upstreamModel, byte[] body, Integer defaultMaxOutputTokens,
                        boolean usageChunkForCaller, UpstreamCredential credential) {
        this(upstreamModel, body, defaultMaxOutputTokens, usageChunkForCaller, credential, Endpoint.CHAT);
    }

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
        return "UpstreamCall[" + upstreamModel + ", " + endpoint.name().toLowerCase(java.util.Locale.ROOT) + ", "
                + body.length + " bytes" + (credential == null ? "" : ", byok") + "]";
    }
}
