package dev.switchgear.adapter.llm;

import dev.switchgear.application.port.out.keyring.ProviderKeyVerifier;
import dev.switchgear.domain.keyring.api.KeyTestStatus;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live key tests, each against the provider's own API and in its own wire format: the
 * OpenAI-compatible family {@code GET /models} (bearer), Anthropic a one-token
 * {@code POST /v1/messages} ({@code x-api-key}), Cohere {@code GET /v1/models} (bearer), Gemini
 * {@code GET /v1beta/models} ({@code x-goog-api-key}), a custom endpoint {@code GET /models} through
 * the egress-guarded client. 401 and 403 mean the key is refused; any other answer from the
 * provider means it was accepted (a 400 or 404 is about the probe, not the key; a 429 is
 * rate limiting of an accepted key); 5xx and failures to connect mean it could not be tested. The
 * response body is never read into a message: a provider may echo the key.
 */
public final class ProviderKeyProbe implements ProviderKeyVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderKeyProbe.class);

    /** Where and how to test one provider's keys. */
    public record Target(String type, URI baseUrl, String probeModel) {
    }

    private final Map<String, Target> targets;
    private final CloseableHttpClient client;
    private final CloseableHttpClient customClient;

    /**
     * @param targets      the configured providers by id
     * @param client       the client for configured providers
     * @param customClient the client for custom endpoints, resolving names through the egress guard
     */
    public ProviderKeyProbe(Map<String, Target> targets, CloseableHttpClient client, CloseableHttpClient customClient) {
        this.targets = Map.copyOf(targets);
        this.client = client;
        this.customClient = customClient;
    }

    @Override
    public boolean canVerify(String provider) {
        return targets.containsKey(provider);
    }

    @Override
    public KeyCheck verify(String provider, String apiKey, Optional<URI> customBaseUrl) {
        HttpUriRequestBase request;
        CloseableHttpClient via = client;
        String what;
        if (customBaseUrl.isPresent()) {
            request = new HttpGet(UpstreamHttp.join(customBaseUrl.get(), "models"));
            bearer(request, apiKey);
            via = customClient;
            what = "GET /models";
        } else {
            Target target = targets.get(provider);
            if (target == null) {
                return new KeyCheck(KeyTestStatus.UNREACHABLE, 0, "provider " + provider
                        + " has no endpoint configured on this gateway, so its keys cannot be tested here");
            }
            switch (target.type()) {
                case "anthropic" -> {
                    HttpPost post = new HttpPost(UpstreamHttp.join(target.baseUrl(), "v1/messages"));
                    if (apiKey != null) {
                        post.setHeader("x-api-key", apiKey);
                    }
                    post.setHeader("anthropic-version", "2023-06-01");
                    post.setEntity(new StringEntity("{\"model\":\"" + target.probeModel()
                            + "\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}",
                            ContentType.APPLICATION_JSON));
                    request = post;
                    what = "POST /v1/messages";
                }
                case "cohere" -> {
                    request = new HttpGet(UpstreamHttp.join(target.baseUrl(), "v1/models"));
                    bearer(request, apiKey);
                    what = "GET /v1/models";
                }
                case "gemini" -> {
                    request = new HttpGet(UpstreamHttp.join(target.baseUrl(), "v1beta/models"));
                    if (apiKey != null) {
                        request.setHeader("x-goog-api-key", apiKey);
                    }
                    what = "GET /v1beta/models";
                }
                default -> {
                    request = new HttpGet(UpstreamHttp.join(target.baseUrl(), "models"));
                    bearer(request, apiKey);
                    what = "GET /models";
                }
            }
        }
        long started = System.nanoTime();
        try (ClassicHttpResponse response = via.executeOpen(null, request, null)) {
            long millis = (System.nanoTime() - started) / 1_000_000;
            EntityUtils.consumeQuietly(response.getEntity());
            int status = response.getCode();
            if (status == 401 || status == 403) {
                return new KeyCheck(KeyTestStatus.INVALID, millis, provider + " refused the key (" + status + " from "
                        + what + ")");
            }
            if (status >= 500) {
                return new KeyCheck(KeyTestStatus.UNREACHABLE, millis, provider + " failed (" + status + " from "
                        + what + "); try again later");
            }
            if (status >= 300 && status < 400) {
                return new KeyCheck(KeyTestStatus.UNREACHABLE, millis, provider + " answered with a redirect ("
                        + status + "), which is not followed");
            }
            return new KeyCheck(KeyTestStatus.VALID, millis, provider + " accepted the key (" + status + " from "
                    + what + ")");
        } catch (IOException e) {
            long millis = (System.nanoTime() - started) / 1_000_000;
            LOG.info("key test of provider {} could not reach it: {}", provider, e.getClass().getSimpleName());
            return new KeyCheck(KeyTestStatus.UNREACHABLE, millis, provider + " could not be reached");
        }
    }

    private static void bearer(HttpUriRequestBase request, String apiKey) {
        if (apiKey != null) {
            request.setHeader("Authorization", "Bearer " + apiKey);
        }
    }


}
