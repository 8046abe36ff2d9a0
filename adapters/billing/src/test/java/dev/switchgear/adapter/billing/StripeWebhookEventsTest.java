package dev.switchgear.adapter.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.application.port.out.billing.PaymentEvent;
import dev.switchgear.application.port.out.billing.PaymentEvent.Kind;
import dev.switchgear.application.port.out.billing.PaymentEventRejected;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * {@link StripeWebhookEvents} over deliveries signed the way Stripe signs them
 * ({@code Stripe-Signature: t=<ts>,v1=<hex HMAC-SHA256 of "<ts>.<body>" with the endpoint secret>}),
 * and the reading of Stripe's event objects into {@link PaymentEvent}.
 */
class StripeWebhookEventsTest {

    private static final String SECRET = "whsec_moduleTestEndpointSecret0123456789";
    private static final Instant NOW = Instant.parse("2026-12-01T20:00:00Z");
    private static final long T = NOW.getEpochSecond();
    private static final String ACCOUNT = "6f1c2a9e-3b4d-4e5f-8a7b-0c1d2e3f4a5b";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StripeWebhookEvents events = new StripeWebhookEvents(SECRET, Duration.ofSeconds(300),
            Clock.fixed(NOW, ZoneOffset.UTC), JSON);

    private static final String COMPLETED = """
            {"id":"evt_1Completed","object":"event","api_version":"2025-03-31.basil","created":1764619000,
             "livemode":false,"type":"checkout.session.completed",
             "data":{"object":{"id":"cs_test_a1B2c3","object":"checkout.session","mode":"payment",
               "payment_status":"paid","status":"complete","amount_total":5000,"currency":"usd",
               "client_reference_id":"%1$s","payment_intent":"pi_3Paid",
               "metadata":{"switchgear_account_id":"%1$s","switchgear_credits_micro":"55000000000",
                 "switchgear_package":"growth-50"}}}}""".formatted(ACCOUNT);

    // --- signatures -------------------------------------------------------------------------------

    @Test
    void acceptsADeliverySignedWithTheEndpointSecret() {
        PaymentEvent event = events.verify(bytes(COMPLETED), header(T, v1(COMPLETED, T, SECRET)));

        assertThat(event.kind()).isEqualTo(Kind.CHECKOUT_COMPLETED);
    }

    @Test
    void acceptsWhenAnyOfSeveralV1SignaturesMatches() {
        String header = "t=" + T + ",v1=" + v1(COMPLETED, T, "whsec_the_previous_secret") + ",v1="
                + v1(COMPLETED, T, SECRET);

        assertThat(events.verify(bytes(COMPLETED), header).eventId()).isEqualTo("evt_1Completed");
    }

    @Test
    void ignoresSchemesOtherThanV1() {
        String withTestModeV0 = "t=" + T + ",v0=" + "ab".repeat(32) + ",v1=" + v1(COMPLETED, T, SECRET)
                + ",v9=whatever";
        assertThat(events.verify(bytes(COMPLETED), withTestModeV0).kind()).isEqualTo(Kind.CHECKOUT_COMPLETED);

        String onlyV0 = "t=" + T + ",v0=" + v1(COMPLETED, T, SECRET);
        assertRejected(COMPLETED, onlyV0, "signature");
    }

    @Test
    void refusesATamperedBody() {
        String signature = header(T, v1(COMPLETED, T, SECRET));
        String tampered = COMPLETED.replace("55000000000", "99000000000");

        assertRejected(tampered, signature, "signature does not match");
    }

    @Test
    void refusesADeliverySignedWithAnotherSecret() {
        assertRejected(COMPLETED, header(T, v1(COMPLETED, T, "whsec_someone_elses_secret")), "signature");
    }

    @Test
    void refusesASignatureMadeForAnotherTimestamp() {
        assertRejected(COMPLETED, header(T, v1(COMPLETED, T - 1, SECRET)), "signature");
    }

    @Test
    void acceptsTimestampsUpToTheToleranceInBothDirections() {
        for (long t : new long[] {T - 300, T + 300}) {
            assertThat(events.verify(bytes(COMPLETED), header(t, v1(COMPLETED, t, SECRET))).kind())
                    .isEqualTo(Kind.CHECKOUT_COMPLETED);
        }
    }

    @Test
    void refusesAStaleDeliveryEvenWhenItsSignatureIsGood() {
        long stale = T - 301;
        assertRejected(COMPLETED, header(stale, v1(COMPLETED, stale, SECRET)), "tolerance");
    }

    @Test
    void refusesADeliveryFromTheFutureEvenWhenItsSignatureIsGood() {
        long future = T + 301;
        assertRejected(COMPLETED, header(future, v1(COMPLETED, future, SECRET)), "tolerance");
    }

    @Test
    void refusesAMissingOrBlankHeader() {
        assertRejected(COMPLETED, null, "missing");
        assertRejected(COMPLETED, " ", "missing");
    }

    @Test
    void refusesAHeaderWithoutAUsableTimestampOrWithoutASignature() {
        assertRejected(COMPLETED, "v1=" + v1(COMPLETED, T, SECRET), "no timestamp");
        assertRejected(COMPLETED, "t=yesterday,v1=" + v1(COMPLETED, T, SECRET), "no timestamp");
        assertRejected(COMPLETED, "t=" + T, "signature");
        assertRejected(COMPLETED, "garbage", "no timestamp");
    }

    @Test
    void refusesEveryDeliveryWhenNoSecretIsConfigured() {
        for (String secret : new String[] {null, ""}) {
            StripeWebhookEvents unconfigured = new StripeWebhookEvents(secret, Duration.ofSeconds(300),
                    Clock.fixed(NOW, ZoneOffset.UTC), JSON);
            assertThatThrownBy(() -> unconfigured.verify(bytes(COMPLETED), header(T, v1(COMPLETED, T, ""))))
                    .isInstanceOf(PaymentEventRejected.class).hasMessageContaining("not configured");
        }
    }

    @Test
    void refusesSignedBodiesThatAreNotStripeEvents() {
        for (String body : new String[] {"not json at all", "", "null", "[]", "{}", "{\"id\":\"evt_1\"}",
                "{\"id\":\"evt_1\",\"data\":{}}", "{\"id\":\"evt_1\",\"data\":{\"object\":\"cs_1\"}}",
                "{\"data\":{\"object\":{}}}", "{\"id\":\"evt_1\",\"data\":{\"object\":{}}"}) {
            assertRejected(body, header(T, v1(body, T, SECRET)), "not a Stripe event");
        }
    }

    @Test
    void noRejectionNamesTheSecret() {
        String[][] deliveries = {
                {COMPLETED, header(T, v1(COMPLETED, T, "whsec_other"))},
                {COMPLETED, header(T - 301, v1(COMPLETED, T - 301, SECRET))},
                {"not json", header(T, v1("not json", T, SECRET))},
                {COMPLETED, null}};
        for (String[] delivery : deliveries) {
            Throwable thrown = catchThrowable(() -> events.verify(bytes(delivery[0]), delivery[1]));
            assertThat(thrown).isInstanceOf(PaymentEventRejected.class);
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                assertThat(t.toString()).doesNotContain(SECRET).doesNotContain("whsec_");
            }
        }
    }

    // --- reading the events -----------------------------------------------------------------------

    @Test
    void readsAPaidCheckoutWithTheAccountCreditsPackageAndReferencesFromItsMetadata() {
        PaymentEvent event = signedAndVerified(COMPLETED);

        assertThat(event).isEqualTo(new PaymentEvent(Kind.CHECKOUT_COMPLETED, "evt_1Completed",
                Optional.of(new AccountId(ACCOUNT)), "cs_test_a1B2c3", "pi_3Paid", null, 5000, 0, "usd",
                MicroCredits.of(55_000_000_000L), "growth-50", null, Instant.ofEpochSecond(1764619000)));
    }

    @Test
    void readsAnAsynchronousPaymentThatSucceededAsACompletedCheckout() {
        PaymentEvent event = signedAndVerified(COMPLETED.replace("checkout.session.completed",
                "checkout.session.async_payment_succeeded"));

        assertThat(event.kind()).isEqualTo(Kind.CHECKOUT_COMPLETED);
        assertThat(event.credits()).isEqualTo(MicroCredits.of(55_000_000_000L));
    }

    @Test
    void aCompletedCheckoutThatIsNotPaidYetIsAcknowledgedOnly() {
        PaymentEvent event = signedAndVerified(COMPLETED.replace("\"paid\"", "\"unpaid\""));

        assertThat(event).isEqualTo(new PaymentEvent(Kind.OTHER, "evt_1Completed", Optional.empty(), null, null,
                null, 0, 0, null, null, null, null, Instant.ofEpochSecond(1764619000)));
    }

    @Test
    void readsARefundWithTheChargeAndTheCumulativeAmountRefunded() {
        String refund = """
                {"id":"evt_2Refund","object":"event","created":1764619500,"type":"charge.refunded",
                 "data":{"object":{"id":"ch_3Charge","object":"charge","amount":5000,"amount_captured":5000,
                   "amount_refunded":3500,"currency":"eur","payment_intent":"pi_3Paid","refunded":false,
                   "metadata":{"switchgear_account_id":"%s","switchgear_credits_micro":"55000000000",
                     "switchgear_package":"growth-50"}},
                  "previous_attributes":{"amount_refunded":1000}}}""".formatted(ACCOUNT);

        PaymentEvent event = signedAndVerified(refund);

        assertThat(event).isEqualTo(new PaymentEvent(Kind.REFUNDED, "evt_2Refund",
                Optional.of(new AccountId(ACCOUNT)), null, "pi_3Paid", "ch_3Charge", 5000, 3500, "eur", null, null,
                null, Instant.ofEpochSecond(1764619500)));
    }

    @Test
    void readsAFailedPaymentWithStripesMessage() {
        String failed = """
                {"id":"evt_3Failed","object":"event","created":1764619600,"type":"payment_intent.payment_failed",
                 "data":{"object":{"id":"pi_3Declined","object":"payment_intent","amount":1000,"currency":"usd",
                   "status":"requires_payment_method",
                   "last_payment_error":{"type":"card_error","code":"card_declined","decline_code":"generic_decline",
                     "message":"Your card was declined."},
                   "metadata":{"switchgear_account_id":"%s","switchgear_credits_micro":"10000000000"}}}}"""
                .formatted(ACCOUNT);

        PaymentEvent event = signedAndVerified(failed);

        assertThat(event).isEqualTo(new PaymentEvent(Kind.PAYMENT_FAILED, "evt_3Failed",
                Optional.of(new AccountId(ACCOUNT)), null, "pi_3Declined", null, 1000, 0, "usd", null, null,
                "Your card was declined.", Instant.ofEpochSecond(1764619600)));
    }

    @Test
    void aFailedPaymentWithoutAnErrorStillSaysItFailed() {
        String failed = """
                {"id":"evt_3Failed","created":1764619600,"type":"payment_intent.payment_failed",
                 "data":{"object":{"id":"pi_3Declined","amount":1000,"metadata":{}}}}""";

        PaymentEvent event = signedAndVerified(failed);

        assertThat(event.message()).isEqualTo("payment failed");
        assertThat(event.currency()).isEqualTo("usd");
        assertThat(event.account()).isEmpty();
    }

    @Test
    void anUnrelatedEventTypeIsAcknowledgedWithoutAnAccount() {
        String other = """
                {"id":"evt_4Customer","created":1764619700,"type":"customer.created",
                 "data":{"object":{"id":"cus_1","object":"customer","metadata":{"switchgear_account_id":"%s"}}}}"""
                .formatted(ACCOUNT);

        assertThat(signedAndVerified(other)).isEqualTo(new PaymentEvent(Kind.OTHER, "evt_4Customer",
                Optional.empty(), null, null, null, 0, 0, null, null, null, null, Instant.ofEpochSecond(1764619700)));
    }

    @Test
    void aCheckoutWithoutMetadataHasNoAccountNoCreditsAndTheCustomPackage() {
        String bare = """
                {"id":"evt_5Bare","created":1764619800,"type":"checkout.session.completed",
                 "data":{"object":{"id":"cs_test_bare","payment_status":"paid","amount_total":700,
                   "payment_intent":"pi_bare"}}}""";

        PaymentEvent event = signedAndVerified(bare);

        assertThat(event.kind()).isEqualTo(Kind.CHECKOUT_COMPLETED);
        assertThat(event.account()).isEmpty();
        assertThat(event.credits()).isEqualTo(MicroCredits.ZERO);
        assertThat(event.packageCode()).isEqualTo("custom");
        assertThat(event.currency()).isEqualTo("usd");
        assertThat(event.amountCents()).isEqualTo(700);
    }

    @Test
    void anAccountThatIsNotACanonicalUuidIsReadAsNoAccount() {
        for (String account : new String[] {"\"acct_1\"", "\"" + ACCOUNT.toUpperCase() + "\"", "\"\"", "42",
                "{\"id\":\"" + ACCOUNT + "\"}", "null"}) {
            String body = COMPLETED.replace("\"switchgear_account_id\":\"" + ACCOUNT + "\"",
                    "\"switchgear_account_id\":" + account);
            assertThat(body).isNotEqualTo(COMPLETED);

            PaymentEvent event = signedAndVerified(body);

            assertThat(event.account()).as(account).isEmpty();
            assertThat(event.kind()).isEqualTo(Kind.CHECKOUT_COMPLETED);
        }
    }

    @Test
    void creditsThatAreNotAWholeNumberOfMicroCreditsAreReadAsZero() {
        for (String credits : new String[] {"\"fifty\"", "\"12.5\"", "\"99999999999999999999\"", "\"\"", "true"}) {
            String body = COMPLETED.replace("\"55000000000\"", credits);
            assertThat(body).isNotEqualTo(COMPLETED);

            PaymentEvent event = signedAndVerified(body);

            assertThat(event.credits()).as(credits).isEqualTo(MicroCredits.ZERO);
            assertThat(event.account()).contains(new AccountId(ACCOUNT));
        }
    }

    @Test
    void anEventWithoutACreationTimeIsDatedByTheClock() {
        PaymentEvent event = signedAndVerified(COMPLETED.replace("\"created\":1764619000,", ""));

        assertThat(event.created()).isEqualTo(NOW);
    }

    @Test
    void aCreationTimeOutOfRangeIsDatedByTheClockNotAnError() {
        for (String created : new String[] {"-9000000000000000000", "9000000000000000000"}) {
            PaymentEvent event = signedAndVerified(COMPLETED.replace("\"created\":1764619000,",
                    "\"created\":" + created + ","));
            assertThat(event.created()).as(created).isEqualTo(NOW);
        }
    }

    private PaymentEvent signedAndVerified(String body) {
        return events.verify(bytes(body), header(T, v1(body, T, SECRET)));
    }

    private void assertRejected(String body, String header, String reason) {
        assertThatThrownBy(() -> events.verify(bytes(body), header)).as(body + " / " + header)
                .isInstanceOf(PaymentEventRejected.class).hasMessageContaining(reason);
    }

    private static String header(long t, String v1) {
        return "t=" + t + ",v1=" + v1;
    }

    /** Stripe's v1 scheme: hex HMAC-SHA256 of "timestamp.payload" keyed with the endpoint secret. */
    private static String v1(String payload, long t, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.isEmpty() ? new byte[1] : bytes(secret), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(bytes(t + "." + payload)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
