package dev.switchgear.application.port.out.completion;

/**
 * A chat completion to send upstream: the provider's model id, the caller's OpenAI-format body,
 * and the output cap to add when the caller set none ({@code null} when the body has its own).
 */
public record UpstreamCall(String upstreamModel, byte[] body, Integer defaultMaxOutputTokens) {
}
