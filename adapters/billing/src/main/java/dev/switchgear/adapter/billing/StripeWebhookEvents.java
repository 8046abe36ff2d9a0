package dev.switchgear.adapter.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.switchgear.application.port.out.billing.PaymentEvent;
import dev.switchgear.application.port.out.billing.PaymentEventRejected;
import dev.switchgear.application.port.out.billing.PaymentEvents;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Stripe webhook deliveries: the {@code Stripe-Signature} header is checked over the raw body with
 * stripe-java ({@code v1} HMAC-SHA256 with the endpoint secret), and its timestamp must be within the
 * tolerance (300 s) in both directions — stripe-java checks only the past. Then the event is read:
 * {@code checkout.session.completed} (paid) and {@code checkout.session.async_payment_succeeded},
 * {@code charge.refunded}, {@code payment_intent.payment_failed}; anything else is acknowledged.
 */
public final class StripeWebhookEvents implements PaymentEvents {

    static final String ACCOUNT = "switchgear_account_id";
    static final String CREDITS = "switchgear_credits_micro";
    static final String PACKAGE = "switchgear_package";

    private final String secret;
    private final Duration tolerance;
    private final Clock clock;
    private final ObjectMapper json;

    public StripeWebhookEvents(String secret, Duration tolerance, Clock clock, ObjectMapper json) {
        this.secret = secret;
        this.tolerance = tolerance;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public PaymentEvent verify(byte[] payload, String signatureHeader) {
        if (secret == null || secret.isBlank()) {
            throw new PaymentEventRejected("webhooks are not configured (no signing secret)");
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new PaymentEventRejected("the Stripe-Signature header is missing");
        }
        long timestamp = timestamp(signatureHeader);
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - timestamp) > tolerance.toSeconds()) {
            throw new PaymentEventRejected("the delivery's timestamp is outside the " + tolerance.toSeconds()
                    + " s tolerance");
        }
        String body = new String(payload == null ? new byte[0] : payload, StandardCharsets.UTF_8);
        try {
            Webhook.Signature.verifyHeader(body, signatureHeader, secret, 0);
        } catch (SignatureVerificationException e) {
            throw new PaymentEventRejected("the signature does not match the body");
        }
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (IOException e) {
            throw new PaymentEventRejected("the body is not a Stripe event");
        }
        String id = event.path("id").asText(null);
        if (id == null || !event.path("data").path("object").isObject()) {
            throw new PaymentEventRejected("the body is not a Stripe event");
        }
        Instant created = createdAt(event.path("created"));
        JsonNode object = event.path("data").path("object");
        JsonNode metadata = object.path("metadata");
        Optional<AccountId> account = account(metadata.path(ACCOUNT).asText(null));
        return switch (event.path("type").asText("")) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" ->
                    "paid".equals(object.path("payment_status").asText()) ? new PaymentEvent(
                            PaymentEvent.Kind.CHECKOUT_COMPLETED, id, account, object.path("id").asText(null),
                            object.path("payment_intent").asText(null), null, object.path("amount_total").asLong(),
                            0, object.path("currency").asText("usd"), credits(metadata), metadata.path(PACKAGE)
                            .asText("custom"), null, created) : other(id, created);
            case "charge.refunded" -> new PaymentEvent(PaymentEvent.Kind.REFUNDED, id, account, null,
                    object.path("payment_intent").asText(null), object.path("id").asText(null),
                    object.path("amount").asLong(), object.path("amount_refunded").asLong(),
                    object.path("currency").asText("usd"), null, null, null, created);
            case "payment_intent.payment_failed" -> new PaymentEvent(PaymentEvent.Kind.PAYMENT_FAILED, id, account,
                    null, object.path("id").asText(null), null, object.path("amount").asLong(), 0,
                    object.path("currency").asText("usd"), null, null,
                    object.path("last_payment_error").path("message").asText("payment failed"), created);
            default -> other(id, created);
        };
    }

    /** When Stripe created the event; the clock's time when it says nothing usable (absent, or out of range). */
    private Instant createdAt(com.fasterxml.jackson.databind.JsonNode created) {
        if (!created.canConvertToLong()) {
            return clock.instant();
        }
        try {
            return Instant.ofEpochSecond(created.asLong());
        } catch (java.time.DateTimeException outOfRange) {
            return clock.instant();
        }
    }

    private static PaymentEvent other(String id, Instant created) {
        return new PaymentEvent(PaymentEvent.Kind.OTHER, id, Optional.empty(), null, null, null, 0, 0, null, null,
                null, null, created);
    }

    private static long timestamp(String header) {
        for (String part : header.split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                try {
                    return Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw new PaymentEventRejected("the Stripe-Signature header has no timestamp");
    }

    private static Optional<AccountId> account(String raw) {
        try {
            return raw == null ? Optional.empty() : Optional.of(new AccountId(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static MicroCredits credits(JsonNode metadata) {
        try {
            return MicroCredits.of(Long.parseLong(metadata.path(CREDITS).asText("0")));
        } catch (NumberFormatException e) {
            return MicroCredits.ZERO;
        }
    }
}
