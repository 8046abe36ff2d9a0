package dev.switchgear.adapter.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.application.port.out.billing.MeteringLog;
import dev.switchgear.domain.credit.api.UsageCharged;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Usage metering to Lago: one Lago event per charge ({@code code} {@code llm_tokens},
 * {@code transaction_id} the request id, the charge's own timestamp, properties tokens, provider,
 * model and byok_used), sent in batches of at most 100 through Lago's batch endpoint. It runs in its
 * own tracking processor: the events of one batch go in one call just before the batch's token is
 * stored, so a failure (Lago unreachable or refusing) rolls the batch back and the processor retries
 * it with backoff, and an event is never skipped. {@link DisallowReplay}: replaying projections
 * never sends a charge again. A batch can still be sent twice (Lago took it, then storing the token
 * failed); Lago's Postgres event store then refuses the whole batch with 422 and
 * {@code value_already_exist} on the repeated transaction ids, storing none of it, so the batch is
 * sent again without those (already metered) events rather than retried for ever. Once Lago took a
 * batch, its charges are written to the {@link MeteringLog} (when one is given) in the same unit of
 * work, so in the transaction that stores the token: the reconciliation's record of what was metered
 * (ADR 0025).
 */
@ProcessingGroup(LagoMeter.PROCESSING_GROUP)
public class LagoMeter {

    public static final String PROCESSING_GROUP = "lago";
    public static final int MAX_BATCH = 100;
    private static final String PENDING = LagoMeter.class.getName() + ".events";

    private final URI batchEndpoint;
    private final String apiKey;
    private final String metricCode;
    private final ObjectMapper json;
    private final MeteringLog log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public LagoMeter(URI lagoBaseUrl, String apiKey, String metricCode, ObjectMapper json) {
        this(lagoBaseUrl, apiKey, metricCode, json, null);
    }

    /**
     * A meter that also records each charge Lago took in {@code log} (ADR 0025), in the batch's
     * transaction, just after Lago accepted it and before the processor stores its token.
     */
    public LagoMeter(URI lagoBaseUrl, String apiKey, String metricCode, ObjectMapper json, MeteringLog log) {
        this.log = log;
        String base = lagoBaseUrl.toString();
        this.batchEndpoint = URI.create((base.endsWith("/") ? base : base + "/") + "api/v1/events/batch");
        this.apiKey = apiKey;
        this.metricCode = metricCode;
        this.json = json;
    }

    @EventHandler
    @DisallowReplay
    void on(UsageCharged event) throws IOException, InterruptedException {
        if (!CurrentUnitOfWork.isStarted()) {
            send(List.of(event));
            record(List.of(event));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        List<UsageCharged> pending = unitOfWork.getOrComputeResource(PENDING, key -> {
            List<UsageCharged> events = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> {
                try {
                    send(events);
                    record(events);
                } catch (IOException e) {
                    throw new LagoUnavailable("Lago could not be reached: " + e.getClass().getSimpleName());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LagoUnavailable("interrupted while sending to Lago");
                }
            });
            return events;
        });
        pending.add(event);
    }

    /** Every charge of a batch Lago took (repeated ones included: Lago has them) goes to the log. */
    private void record(List<UsageCharged> events) {
        if (log == null) {
            return;
        }
        log.recordMetered(events.stream().map(e -> new MeteringLog.MeteredCharge(e.accountId(), e.requestId(),
                e.inputTokens() + e.outputTokens(), e.charged(), e.chargedAt())).toList());
    }

    /**
     * Sends the events in batches of at most {@value #MAX_BATCH}; fails unless Lago accepts each
     * (a batch refused only for transaction ids Lago already has is sent again without them).
     */
    void send(List<UsageCharged> events) throws IOException, InterruptedException {
        for (int from = 0; from < events.size(); from += MAX_BATCH) {
            List<UsageCharged> batch = new ArrayList<>(
                    events.subList(from, Math.min(events.size(), from + MAX_BATCH)));
            while (!batch.isEmpty()) {
                HttpResponse<String> response = http.send(request(batch), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    break;
                }
                TreeSet<Integer> repeated = response.statusCode() == 422 ? repeated(response.body(), batch.size())
                        : new TreeSet<>();
                if (repeated.isEmpty()) {
                    throw new LagoUnavailable("Lago answered " + response.statusCode());
                }
                for (int index : repeated.descendingSet()) {
                    batch.remove(index);
                }
            }
        }
    }

    private HttpRequest request(List<UsageCharged> batch) throws IOException {
        ObjectNode body = json.createObjectNode();
        ArrayNode array = body.putArray("events");
        for (UsageCharged e : batch) {
            ObjectNode lago = array.addObject();
            lago.put("transaction_id", e.requestId().value());
            lago.put("external_subscription_id", e.accountId().value());
            lago.put("code", metricCode);
            lago.put("timestamp", e.chargedAt().getEpochSecond());
            ObjectNode properties = lago.putObject("properties");
            properties.put("tokens", e.inputTokens() + e.outputTokens());
            properties.put("input_tokens", e.inputTokens());
            properties.put("output_tokens", e.outputTokens());
            properties.put("provider", e.provider());
            properties.put("model", e.model());
            properties.put("byok_used", e.byok());
            properties.put("charged_micro_credits", e.charged().value());
        }
        return HttpRequest.newBuilder(batchEndpoint).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
    }

    /**
     * The batch positions of a 422 whose every error is {@code transaction_id: ["value_already_exist"]}
     * ({@code {"error_details":{"0":{"transaction_id":["value_already_exist"]}}}}); empty when the
     * refusal has any other reason, so that it fails.
     */
    private TreeSet<Integer> repeated(String body, int size) {
        TreeSet<Integer> none = new TreeSet<>();
        TreeSet<Integer> positions = new TreeSet<>();
        try {
            JsonNode details = json.readTree(body == null ? "" : body).path("error_details");
            if (!details.isObject() || details.isEmpty()) {
                return none;
            }
            for (Map.Entry<String, JsonNode> error : details.properties()) {
                int index = Integer.parseInt(error.getKey());
                JsonNode reasons = error.getValue().path("transaction_id");
                if (index < 0 || index >= size || error.getValue().size() != 1 || !reasons.isArray()
                        || reasons.isEmpty()) {
                    return none;
                }
                for (JsonNode reason : reasons) {
                    if (!"value_already_exist".equals(reason.asText())) {
                        return none;
                    }
                }
                positions.add(index);
            }
            return positions;
        } catch (IOException | NumberFormatException e) {
            return none;
        }
    }

    /** Lago did not take a batch; the processor retries it. */
    static final class LagoUnavailable extends RuntimeException {
        LagoUnavailable(String message) {
            super(message, null, false, false);
        }
    }
}
