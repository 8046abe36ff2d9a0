package dev.switchgear.adapter.llm;

import dev.switchgear.application.port.out.completion.StreamOutcome;
import dev.switchgear.application.port.out.completion.UpstreamCredential;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * One provider's HTTP exchanges, for every wire format: each call is watched for its deadlines,
 * a non-2xx answer or a failure to reach the provider becomes the right {@code UpstreamException},
 * and a stream that ends early cancels the call so its connection is not reused.
 */
final class UpstreamHttp {

    /** Reads a streamed answer; may throw {@link IOException} only before its first chunk went out. */
    @FunctionalInterface
    interface Relay {
        StreamOutcome read(InputStream body, UpstreamWatchdog.Watch watch) throws IOException;
    }

    private final CloseableHttpClient client;
    private final UpstreamWatchdog watchdog;
    private final UpstreamTimeouts timeouts;
    private final UpstreamErrors errors;

    UpstreamHttp(CloseableHttpClient client, UpstreamWatchdog watchdog, UpstreamTimeouts timeouts, UpstreamErrors errors) {
        this.client = client;
        this.watchdog = watchdog;
        this.timeouts = timeouts;
        this.errors = errors;
    }

    /** {@code base} with {@code path} appended after exactly one slash. */
    static URI join(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text : text + "/") + path);
    }

    /** Sends the request and returns the body of a 2xx answer; {@code own} is the caller's key, or null. */
    byte[] call(HttpPost post, UpstreamCredential own) {
        UpstreamWatchdog.Watch watch = watchdog.watch(post, timeouts);
        try (watch; ClassicHttpResponse response = client.executeOpen(null, post, null)) {
            watch.activity();
            byte[] body = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            if (response.getCode() / 100 != 2) {
                throw errors.status(response.getCode(), response.getFirstHeader("Retry-After"), body, own);
            }
            return body;
        } catch (IOException e) {
            throw errors.unreachable(e, watch);
        }
    }

    /** Sends the request and hands a 2xx answer's body to the relay. */
    StreamOutcome stream(HttpPost post, UpstreamCredential own, Relay relay) {
        UpstreamWatchdog.Watch watch = watchdog.watch(post, timeouts);
        StreamOutcome outcome = null;
        try (watch; ClassicHttpResponse response = client.executeOpen(null, post, null)) {
            watch.activity();
            if (response.getCode() / 100 != 2) {
                throw errors.status(response.getCode(), response.getFirstHeader("Retry-After"),
                        response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity()), own);
            }
            outcome = relay.read(response.getEntity().getContent(), watch);
            if (!outcome.finished()) {
                post.cancel();
            }
            return outcome;
        } catch (IOException e) {
            if (outcome != null) {
                return outcome;
            }
            throw errors.unreachable(e, watch);
        }
    }
}
