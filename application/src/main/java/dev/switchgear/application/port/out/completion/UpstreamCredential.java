package dev.switchgear.application.port.out.completion;

import java.net.URI;
import java.util.Objects;

/**
 * A caller's own provider key (BYOK) for one upstream call, decrypted for this call only and never
 * kept. {@code baseUrl} is set for a custom endpoint (checked by the egress guard), else null.
 * {@link #toString()} never shows the key.
 */
public record UpstreamCredential(String apiKey, URI baseUrl) {

    public UpstreamCredential {
        Objects.requireNonNull(apiKey, "apiKey");
    }

    /** Replaces every occurrence of the key in a message meant for a person or a log. */
    public String scrub(String message) {
        return message == null ? null : message.replace(apiKey, "[redacted]");
    }

    @Override
    public String toString() {
        return "UpstreamCredential[byok" + (baseUrl == null ? "" : ", custom endpoint") + "]";
    }
}
