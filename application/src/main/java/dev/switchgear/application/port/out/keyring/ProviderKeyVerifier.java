package dev.switchgear.application.port.out.keyring;

import dev.switchgear.domain.keyring.api.KeyTestStatus;
import java.net.URI;
import java.util.Optional;

/**
 * Tests a key live against its provider's own API (OpenAI-compatible {@code GET /models},
 * Anthropic a one-token {@code POST /v1/messages}, Cohere {@code GET /v1/models}, Gemini
 * {@code GET /v1beta/models}). {@code customBaseUrl} is set for a custom endpoint, already checked
 * by the egress guard.
 */
public interface ProviderKeyVerifier {

    /** Whether this provider can be tested here (it has a base URL configured, or is custom). */
    boolean canVerify(String provider);

    KeyCheck verify(String provider, String apiKey, Optional<URI> customBaseUrl);

    /** The outcome of a test; {@code detail} is safe to show and never holds the key. */
    record KeyCheck(KeyTestStatus status, long latencyMillis, String detail) {
    }
}
