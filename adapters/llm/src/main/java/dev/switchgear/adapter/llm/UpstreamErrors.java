package dev.switchgear.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.application.port.out.completion.UpstreamCredential;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.application.port.out.completion.UpstreamException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.hc.core5.http.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How any provider's HTTP failures become {@link UpstreamException}s: 429 rate limited (with
 * Retry-After), 5xx and refused platform credentials unavailable, other 4xx rejected with the
 * upstream's message (OpenAI's and Anthropic's error shapes carry {@code error.message}, Cohere's
 * a top-level {@code message}),
 * scrubbed of the platform key. Messages name the provider id, never its URL or key.
 */
final class UpstreamErrors {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamErrors.class);
    private static final String REDACTED = "[redacted]";

    private final String providerId;
    private final String apiKey;
    private final ObjectMapper json;

    UpstreamErrors(String providerId, String apiKey, ObjectMapper json) {
        this.providerId = providerId;
        this.apiKey = apiKey;
        this.json = json;
    }

    UpstreamException status(int status, Header retryAfterHeader, byte[] body, UpstreamCredential own) {
        Optional<Duration> retryAfter = Optional.ofNullable(retryAfterHeader).map(Header::getValue)
                .flatMap(RetryAfter::parse);
        if (status == 429) {
            return new UpstreamException(Kind.RATE_LIMITED, status, "The provider " + providerId
                    + " is rate limiting requests", retryAfter);
        }
        if (status >= 500) {
            return new UpstreamException(Kind.UNAVAILABLE, status, "The provider " + providerId
                    + " failed with status " + status, retryAfter);
        }
        if ((status == 401 || status == 403) && own != null) {
            return new UpstreamException(Kind.REJECTED, status, "The provider " + providerId
                    + " refused your own key (" + status + "); test it with POST /api/v1/byok/keys/test/" + providerId,
                    Optional.empty());
        }
        if (status == 401 || status == 403) {
            LOG.error("provider {} refused the platform credentials (status {})", providerId, status);
            return new UpstreamException(Kind.UNAVAILABLE, status, "The provider " + providerId
                    + " refused the gateway's credentials", Optional.empty());
        }
        return new UpstreamException(Kind.REJECTED, status, "The provider " + providerId + " rejected the request ("
                + status + "): " + (own == null ? message(body) : own.scrub(message(body))), retryAfter);
    }

    UpstreamException unreachable(IOException e, UpstreamWatchdog.Watch watch) {
        String reason = watch.expired();
        if (reason != null) {
            return timedOut(reason);
        }
        LOG.warn("provider {} could not be reached: {}", providerId, e.getClass().getSimpleName());
        return new UpstreamException(Kind.UNAVAILABLE, 0, "The provider " + providerId + " could not be reached",
                Optional.empty());
    }

    UpstreamException timedOut(String which) {
        return new UpstreamException(Kind.UNAVAILABLE, 0, "The provider " + providerId + " timed out (" + which + ")",
                Optional.empty());
    }

    UpstreamException invalid(String what) {
        return new UpstreamException(Kind.UNAVAILABLE, 502, "The provider " + providerId + " " + what,
                Optional.empty());
    }

    String scrub(String message) {
        return apiKey == null ? message : message.replace(apiKey, REDACTED);
    }

    private String message(byte[] body) {
        String message;
        try {
            JsonNode root = json.readTree(body);
            JsonNode error = root.path("error");
            message = error.isTextual() ? error.asText() : error.path("message").asText(null);
            if (message == null && root.path("message").isTextual()) {
                message = root.path("message").asText();
            }
        } catch (IOException e) {
            message = null;
        }
        if (message == null || message.isBlank()) {
            message = new String(body, StandardCharsets.UTF_8);
        }
        if (message.length() > 1_000) {
            message = message.substring(0, 1_000);
        }
        return scrub(message);
    }
}
