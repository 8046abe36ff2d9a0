package dev.switchgear.adapter.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.application.port.out.notify.AccountNotifier;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Low-balance alerts: a WARN line always, and, when a webhook is configured, a JSON POST
 * {@code {"event":"account.low_balance","account_id","balance","threshold","at"}} (asynchronous, so a
 * slow webhook holds nothing up).
 */
public final class AccountAlerts implements AccountNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(AccountAlerts.class);

    private final Optional<URI> webhook;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public AccountAlerts(Optional<URI> webhook, ObjectMapper json) {
        this.webhook = webhook;
        this.json = json;
    }

    @Override
    public void lowBalance(AccountId account, MicroCredits balance, MicroCredits threshold, Instant at) {
        LOG.warn("account {} is low on credits: {} left, below its threshold of {}", account, balance, threshold);
        if (webhook.isEmpty()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "account.low_balance");
        body.put("account_id", account.value());
        body.put("balance", balance.toCredits().toPlainString());
        body.put("threshold", threshold.toCredits().toPlainString());
        body.put("at", at.toString());
        try {
            http.sendAsync(HttpRequest.newBuilder(webhook.get()).timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build(),
                    HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                        if (failure != null || response.statusCode() / 100 != 2) {
                            LOG.warn("the alert webhook did not take the low-balance alert of {}", account);
                        }
                    });
        } catch (java.io.IOException e) {
            LOG.warn("a low-balance alert could not be written", e);
        }
    }
}
