package dev.switchgear.adapter.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchgear.application.port.out.billing.PaymentGateway.Checkout;
import dev.switchgear.application.port.out.billing.PaymentGateway.CheckoutRequest;
import dev.switchgear.application.port.out.billing.PaymentGatewayUnavailable;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link StripeCheckout} against a stand-in for Stripe's {@code POST /v1/checkout/sessions}: the
 * form-encoded request stripe-java sends, the session it reads back, and Stripe's errors, which all
 * become {@link PaymentGatewayUnavailable} with a message that names neither Stripe's words nor the key.
 */
class StripeCheckoutTest {

    private static final String SECRET_KEY = "sk_test_51SwitchgearModuleTestKey0123456789";
    private static final AccountId ACCOUNT = AccountId.of(UUID.fromString("6f1c2a9e-3b4d-4e5f-8a7b-0c1d2e3f4a5b"));
    private static final CheckoutRequest REQUEST = new CheckoutRequest(ACCOUNT, "growth-50", 5_000, "usd",
            MicroCredits.of(55_000_000_000L), "55000 Switchgear credits",
            "https://app.example.com/billing/success?session={CHECKOUT_SESSION_ID}",
            "https://app.example.com/billing/cancel");
    private static final String SESSION = """
            {"id":"cs_test_a1B2c3","object":"checkout.session","mode":"payment","payment_status":"unpaid",
             "status":"open","amount_total":5000,"currency":"usd",
             "url":"https://checkout.stripe.com/c/pay/cs_test_a1B2c3#fidkdWxOYHwnPyd1blpxYHZxWjA0"}""";

    private static final WireMockServer STRIPE = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeAll
    static void start() {
        STRIPE.start();
    }

    @AfterAll
    static void stop() {
        STRIPE.stop();
    }

    @BeforeEach
    void reset() {
        STRIPE.resetAll();
    }

    private static StripeCheckout checkout() {
        return new StripeCheckout(SECRET_KEY, STRIPE.baseUrl());
    }

    @Test
    void sendsAPaymentModeSessionWithThePriceTheUrlsAndTheAccountAndCreditsAsMetadata() {
        STRIPE.stubFor(post(urlEqualTo("/v1/checkout/sessions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(SESSION)));

        checkout().createCheckout(REQUEST);

        List<LoggedRequest> sent = STRIPE.findAll(postRequestedFor(urlEqualTo("/v1/checkout/sessions")));
        assertThat(sent).hasSize(1);
        LoggedRequest request = sent.get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + SECRET_KEY);
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.getHeader("Idempotency-Key")).isNotBlank();
        Map<String, String> form = form(request.getBodyAsString());
        String account = ACCOUNT.value();
        assertThat(form).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("mode", "payment"),
                Map.entry("success_url", "https://app.example.com/billing/success?session={CHECKOUT_SESSION_ID}"),
                Map.entry("cancel_url", "https://app.example.com/billing/cancel"),
                Map.entry("client_reference_id", account),
                Map.entry("line_items[0][quantity]", "1"),
                Map.entry("line_items[0][price_data][currency]", "usd"),
                Map.entry("line_items[0][price_data][unit_amount]", "5000"),
                Map.entry("line_items[0][price_data][product_data][name]", "55000 Switchgear credits"),
                Map.entry("metadata[switchgear_account_id]", account),
                Map.entry("metadata[switchgear_credits_micro]", "55000000000"),
                Map.entry("metadata[switchgear_package]", "growth-50"),
                Map.entry("payment_intent_data[metadata][switchgear_account_id]", account),
                Map.entry("payment_intent_data[metadata][switchgear_credits_micro]", "55000000000"),
                Map.entry("payment_intent_data[metadata][switchgear_package]", "growth-50")));
    }

    @Test
    void returnsTheSessionIdAndThePageTheBuyerPaysOn() {
        STRIPE.stubFor(post(urlEqualTo("/v1/checkout/sessions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(SESSION)));

        Checkout created = checkout().createCheckout(REQUEST);

        assertThat(created).isEqualTo(new Checkout("cs_test_a1B2c3",
                "https://checkout.stripe.com/c/pay/cs_test_a1B2c3#fidkdWxOYHwnPyd1blpxYHZxWjA0"));
    }

    @Test
    void withoutAKeyItRefusesAtOnceAndCallsNoOne() {
        for (String key : new String[] {null, "", "   "}) {
            assertThatThrownBy(() -> new StripeCheckout(key, STRIPE.baseUrl()).createCheckout(REQUEST))
                    .isInstanceOf(PaymentGatewayUnavailable.class)
                    .hasMessageContaining("not configured");
        }
        assertThat(STRIPE.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void anInvalidRequestErrorBecomesUnavailableAndIsNotRetried() {
        STRIPE.stubFor(post(urlEqualTo("/v1/checkout/sessions")).willReturn(stripeError(400, """
                {"error":{"type":"invalid_request_error","code":"parameter_invalid_integer",
                 "param":"line_items[0][price_data][unit_amount]",
                 "message":"Invalid integer: 5000 for key %s",
                 "doc_url":"https://stripe.com/docs/error-codes/parameter-invalid-integer"}}""")));

        Throwable thrown = refusedWithoutTheKey();

        assertThat(thrown).hasMessage("the payment provider could not start the checkout; try again later");
        assertThat(STRIPE.findAll(postRequestedFor(urlEqualTo("/v1/checkout/sessions")))).hasSize(1);
    }

    @Test
    void aRejectedKeyBecomesUnavailableWithoutTheKeyAnywhere() {
        STRIPE.stubFor(post(urlEqualTo("/v1/checkout/sessions")).willReturn(stripeError(401, """
                {"error":{"type":"invalid_request_error","message":"Invalid API Key provided: %s"}}""")));

        refusedWithoutTheKey();

        assertThat(STRIPE.findAll(postRequestedFor(urlEqualTo("/v1/checkout/sessions")))).hasSize(1);
    }

    @Test
    void aServerErrorIsRetriedTwiceUnderOneIdempotencyKeyThenBecomesUnavailable() {
        STRIPE.stubFor(post(urlEqualTo("/v1/checkout/sessions")).willReturn(stripeError(500, """
                {"error":{"type":"api_error","message":"Something went wrong on Stripe's end (key %s)."}}""")));

        refusedWithoutTheKey();

        List<LoggedRequest> attempts = STRIPE.findAll(postRequestedFor(urlEqualTo("/v1/checkout/sessions")));
        assertThat(attempts).hasSize(3);
        Set<String> keys = attempts.stream().map(r -> r.getHeader("Idempotency-Key")).collect(Collectors.toSet());
        assertThat(keys).hasSize(1).doesNotContainNull();
    }

    @Test
    void aBodyThatIsNotJsonBecomesUnavailable() {
        STRIPE.stubFor(post(urlEqualTo("/v1/checkout/sessions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html>502 Bad Gateway " + SECRET_KEY + "</html>")));

        refusedWithoutTheKey();
    }

    @Test
    void anUnreachableStripeBecomesUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StripeCheckout unreachable = new StripeCheckout(SECRET_KEY, "http://127.0.0.1:" + closedPort);

        try (LogCapture log = new LogCapture(StripeCheckout.class)) {
            Throwable thrown = catchThrowable(() -> unreachable.createCheckout(REQUEST));
            assertThat(thrown).isInstanceOf(PaymentGatewayUnavailable.class);
            assertThat(messages(thrown)).noneMatch(m -> m.contains(SECRET_KEY));
            assertThat(log.lines()).isNotEmpty().noneMatch(line -> line.contains(SECRET_KEY));
        }
    }

    /** A Stripe error response whose message carries the key (worse than Stripe, which masks it). */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder stripeError(int status,
                                                                                                String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_module_test").withBody(body.formatted(SECRET_KEY));
    }

    /** The call fails with PaymentGatewayUnavailable, and neither its chain nor the log names the key. */
    private static Throwable refusedWithoutTheKey() {
        try (LogCapture log = new LogCapture(StripeCheckout.class)) {
            Throwable thrown = catchThrowable(() -> checkout().createCheckout(REQUEST));
            assertThat(thrown).isInstanceOf(PaymentGatewayUnavailable.class);
            assertThat(messages(thrown)).noneMatch(m -> m.contains(SECRET_KEY) || m.contains("sk_test_"));
            assertThat(log.lines()).isNotEmpty().noneMatch(line -> line.contains(SECRET_KEY));
            return thrown;
        }
    }

    private static List<String> messages(Throwable thrown) {
        List<String> messages = new java.util.ArrayList<>();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            messages.add(t.toString());
            for (Throwable suppressed : t.getSuppressed()) {
                messages.add(suppressed.toString());
            }
        }
        return messages;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            String previous = fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            assertThat(previous).as("field %s sent twice", kv[0]).isNull();
        }
        return fields;
    }
}
