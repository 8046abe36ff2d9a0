package dev.switchgear.adapter.llm.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.application.port.out.routing.HealthNotifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces provider health transitions by POSTing a JSON document to an administrator's webhook
 * (asynchronously: a slow or failing webhook never holds up a request). The body:
 * {@code {"event":"provider.down"|"provider.up"|..., "provider", "model", "from", "to", "reason", "at"}}.
 */
public final class WebhookHealthNotifier implements HealthNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHealthNotifier.class);

    private final URI target;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public WebhookHealthNotifier(URI target, ObjectMapper json) {
        this.target = target;
        this.json = json;
    }

    @Override
    public void changed(Transition t) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "provider." + t.to());
        body.put("provider", t.provider());
        body.put("model", t.model());
        body.put("from", t.from());
        body.put("to", t.to());
        body.put("reason", t.reason());
        body.put("at", t.at().toString());
        try {
            HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                if (failure != null) {
                    LOG.warn("the health webhook could not be reached: {}", failure.getClass().getSimpleName());
                } else if (response.statusCode() / 100 != 2) {
                    LOG.warn("the health webhook answered {}", response.statusCode());
                }
            });
        } catch (java.io.IOException e) {
            LOG.warn("a health notification could not be written", e);
        }
    }
}
