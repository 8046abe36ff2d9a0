package dev.switchgear.application.service.keyring;

import java.net.URI;
import java.util.Objects;

/**
 * A caller's own provider key, decrypted for one upstream call and never kept; {@code baseUrl} is
 * set for a custom endpoint (checked by the egress guard), else null. {@link #toString()} never
 * shows the key.
 */
public record OpenedKey(String apiKey, URI baseUrl) {

    public OpenedKey {
        Objects.requireNonNull(apiKey, "apiKey");
    }

    @Override
    public String toString() {
        return "OpenedKey[" + (baseUrl == null ? "provider" : "custom endpoint") + "]";
    }
}
