package dev.switchgear.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Buying credits end to end: Stripe Checkout through stripe-java against a local stand-in speaking
 * Stripe's API, and the webhook with deliveries signed the way Stripe signs them (HMAC-SHA256 of
 * "timestamp.body" with the endpoint secret) — repeated, concurrent, tampered, mis-signed, stale,
 * early, and in every order.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BillingEndToEndTest {

    static final String WEBHOOK_SECRET = "whsec_switchgear_test_0123456789abcdef";
    static final WireMockServer STRIPE = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    static final ObjectMapper JSON = new ObjectMapper();

    static {
        STRIPE.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "billing");
        registry.add("switchgear.billing.stripe-secret-key", () -> "sk_test_switchgear_0123456789");
        registry.add("switchgear.billing.stripe-webhook-secret", () -> WEBHOOK_SECRET);
        registry.add("switchgear.billing.stripe-api-base", () -> "http://127.0.0.1:" + STRIPE.port());
    }

    @AfterAll
    static void stop() {
        STRIPE.stop();
    }

    @LocalServerPort
    int port;

    @Test
    void aPurchaseStartsAStripeCheckoutWithTheAccountAndCreditsAttached() throws Exception {
        STRIPE.stubFor(post(urlEqualTo("/v1/checkout/sessions")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"cs_test_a1\",\"object\":\"checkout.session\",\"mode\":\"payment\","
                        + "\"payment_status\":\"unpaid\",\"url\":\"https://checkout.stripe.com/c/pay/cs_test_a1\"}")));
        GatewayClient gateway = new GatewayClient(port);
        String account = gateway.openAccount("Buyer", "starter");
        String key = gateway.issueKey(account);

        HttpResponse<String> started = send("POST", "/api/v1/llm/credits/purchase", key, "{\"package\":\"growth-50\"}",
                null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(started.body());
        assertThat(body.path("checkout_url").asText()).isEqualTo("https://checkout.stripe.com/c/pay/cs_test_a1");
        assertThat(body.at("/package/credits").asText()).isEqualTo("55000");
        STRIPE.verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withHeader("Authorization", equalTo("Bearer sk_test_switchgear_0123456789"))
                .withRequestBody(containing("metadata[switchgear_account_id]=" + account))
                .withRequestBody(containing("metadata[switchgear_credits_micro]=55000000000"))
                .withRequestBody(containing("line_items[0][price_data][unit_amount]=5000"))
                .withRequestBody(containing("mode=payment")));
        assertThat(send("POST", "/api/v1/llm/credits/purchase", key, "{\"amount_usd\":2}", null).statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/api/v1/llm/credits/purchase", key, "{\"package\":\"nope\"}", null).statusCode())
                .isEqualTo(400);
        assertThat(send("GET", "/api/v1/llm/credits/packages", key, null, null).body())
                .contains("starter-10", "growth-50", "scale-100");
    }

    @Test
    void aCompletedCheckoutDeliveredAHundredTimesTwentyAtOnceCreditsOnce() throws Exception {
        GatewayClient gateway = new GatewayClient(port);
        String account = gateway.openAccount("Repeat buyer", "starter");
        String key = gateway.issueKey(account);
        String event = completed("evt_repeat", "cs_repeat", "pi_repeat", account);

        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<Integer>> deliveries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            deliveries.add(() -> deliver(event, signature(event, Instant.now().getEpochSecond(), WEBHOOK_SECRET)));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(deliveries)) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertThat(statuses).containsOnly(200);
        assertThat(gateway.balance(key)).isEqualTo(55_000_000_000L);
        JsonNode history = JSON.readTree(send("GET", "/api/v1/llm/credits/history", key, null, null).body());
        assertThat(history.path("transactions")).hasSize(1);
        assertThat(history.at("/transactions/0/stripe_checkout_session").asText()).isEqualTo("cs_repeat");
        assertThat(history.at("/transactions/0/stripe_payment_intent").asText()).isEqualTo("pi_repeat");
        assertThat(history.path("has_more").asBoolean()).isFalse();
        JsonNode firstPage = JSON.readTree(send("GET", "/api/v1/admin/accounts/" + account + "/events?limit=1",
                GatewayClient.ADMIN_KEY, null, null).body());
        assertThat(firstPage.path("events")).hasSize(1);
        assertThat(firstPage.path("nextFrom").asLong()).isEqualTo(1);
        JsonNode secondPage = JSON.readTree(send("GET", "/api/v1/admin/accounts/" + account + "/events?from=1&limit=1",
                GatewayClient.ADMIN_KEY, null, null).body());
        assertThat(secondPage.at("/events/0/type").asText()).isEqualTo("ApiKeyIssued");
        assertThat(secondPage.path("nextFrom").asLong()).isEqualTo(2);
        JsonNode thirdPage = JSON.readTree(send("GET", "/api/v1/admin/accounts/" + account + "/events?from=2&limit=1",
                GatewayClient.ADMIN_KEY, null, null).body());
        assertThat(thirdPage.at("/events/0/type").asText()).isEqualTo("CreditsPurchased");
        assertThat(send("GET", "/api/v1/admin/accounts/" + account + "/events?limit=0", GatewayClient.ADMIN_KEY, null,
                null).statusCode()).isEqualTo(400);
    }

    @Test
    void deliveriesThatFailVerificationGet400AndChangeNothing() throws Exception {
        GatewayClient gateway = new GatewayClient(port);
        String account = gateway.openAccount("Target", "starter");
        String key = gateway.issueKey(account);
        String event = completed("evt_forged", "cs_forged", "pi_forged", account);
        long now = Instant.now().getEpochSecond();
        String tampered = event.replace("55000000000", "99000000000");

        assertThat(deliver(tampered, signature(event, now, WEBHOOK_SECRET))).isEqualTo(400);
        assertThat(deliver(event, signature(event, now, "whsec_wrong_secret"))).isEqualTo(400);
        assertThat(deliver(event, signature(event, now - 301, WEBHOOK_SECRET))).isEqualTo(400);
        assertThat(deliver(event, signature(event, now + 310, WEBHOOK_SECRET))).isEqualTo(400); // 10 s past the tolerance: the clock may tick meanwhile
        assertThat(deliver(event, null)).isEqualTo(400);
        assertThat(deliver(event, "t=" + now + ",v1=")).isEqualTo(400);
        assertThat(deliver(event, "garbage")).isEqualTo(400);

        assertThat(gateway.balance(key)).isZero();
        assertThat(gateway.events(account)).hasSize(2); // only AccountOpened and the key's ApiKeyIssued
        assertThat(deliver(event, signature(event, now - 299, WEBHOOK_SECRET))).isEqualTo(200);
        assertThat(gateway.balance(key)).isEqualTo(55_000_000_000L);
    }

    @Test
    void everyOrderOfAPaymentAndItsRefundsEndsAtTheSameBalanceAndANegativeBalanceBlocksUsage() throws Exception {
        GatewayClient gateway = new GatewayClient(port);
        List<Long> balances = new ArrayList<>();
        for (List<Integer> order : List.of(List.of(0, 1, 2), List.of(0, 2, 1), List.of(1, 0, 2), List.of(1, 2, 0),
                List.of(2, 0, 1), List.of(2, 1, 0))) {
            String account = gateway.openAccount("Order " + order, "starter");
            String key = gateway.issueKey(account);
            String pi = "pi_" + account.substring(0, 8);
            List<String> events = List.of(completed("evt_c_" + pi, "cs_" + pi, pi, account),
                    refunded("evt_r1_" + pi, pi, account, 2_000), refunded("evt_r2_" + pi, pi, account, 3_000));
            for (int i : order) {
                String e = events.get(i);
                assertThat(deliver(e, signature(e, Instant.now().getEpochSecond(), WEBHOOK_SECRET))).isEqualTo(200);
            }
            balances.add(gateway.balance(key));
        }
        // 55,000 credits for $50, $30 refunded in the end: 55,000 × 20/50 = 22,000 credits in every order
        assertThat(balances).containsOnly(22_000_000_000L);

        String account = gateway.openAccount("Spender", "starter");
        String key = gateway.issueKey(account);
        String pi = "pi_spender";
        String paid = completed("evt_c_spender", "cs_spender", pi, account);
        deliver(paid, signature(paid, Instant.now().getEpochSecond(), WEBHOOK_SECRET));
        String chat = "{\"model\":\"sim-echo\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertThat(gateway.post("/v1/chat/completions", key, chat).status()).isEqualTo(200);
        String refund = refunded("evt_r_spender", pi, account, 5_000);
        deliver(refund, signature(refund, Instant.now().getEpochSecond(), WEBHOOK_SECRET));
        assertThat(gateway.balance(key)).isNegative();
        var blocked = gateway.post("/v1/chat/completions", key, chat);
        assertThat(blocked.status()).isEqualTo(402);
        String failed = "{\"id\":\"evt_fail_1\",\"object\":\"event\",\"type\":\"payment_intent.payment_failed\","
                + "\"created\":" + Instant.now().getEpochSecond() + ",\"data\":{\"object\":{\"id\":\"pi_failed\","
                + "\"object\":\"payment_intent\",\"amount\":1000,\"currency\":\"usd\",\"metadata\":"
                + "{\"switchgear_account_id\":\"" + account + "\"},\"last_payment_error\":{\"message\":\"Your card was declined.\"}}}}";
        assertThat(deliver(failed, signature(failed, Instant.now().getEpochSecond(), WEBHOOK_SECRET))).isEqualTo(200);
        assertThat(send("GET", "/api/v1/llm/credits/history", key, null, null).body())
                .contains("payment_failed", "Your card was declined.");
    }

    @Test
    void aMonthlyCapRefusesWhatWouldPassItAndALowBalanceRaisesTheFlag() throws Exception {
        GatewayClient gateway = new GatewayClient(port);
        String account = gateway.openAccount("Careful spender", "free");
        String key = gateway.issueKey(account);
        gateway.grant(account, "1");
        String chat = "{\"model\":\"sim-echo\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        JsonNode capped = JSON.readTree(send("PUT", "/api/v1/llm/credits/cap", key, "{\"monthly_cap\":0.0001}", null)
                .body());
        assertThat(capped.path("monthlyCap").asText()).isEqualTo("0.000100");
        var refused = gateway.post("/v1/chat/completions", key, chat);
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.raw().body()).contains("monthly_cap_reached");
        send("PUT", "/api/v1/llm/credits/cap", key, "{\"monthly_cap\":null}", null);

        send("PUT", "/api/v1/llm/credits/low-balance-threshold", key, "{\"threshold\":0.9999}", null);
        assertThat(JSON.readTree(send("GET", "/api/v1/llm/credits", key, null, null).body()).path("lowBalance")
                .asBoolean()).isFalse();
        assertThat(gateway.post("/v1/chat/completions", key, chat).status()).isEqualTo(200);
        JsonNode credits = JSON.readTree(send("GET", "/api/v1/llm/credits", key, null, null).body());
        assertThat(credits.path("lowBalance").asBoolean()).isTrue();
        assertThat(credits.path("lowBalanceThreshold").asText()).isEqualTo("0.999900");
        assertThat(new java.math.BigDecimal(credits.path("monthToDate").asText())).isPositive();
        assertThat(send("GET", "/api/v1/llm/credits/history", key, null, null).body()).contains("low_balance");
        long until = System.nanoTime() + 10_000_000_000L;
        while (JSON.readTree(send("GET", "/api/v1/llm/credits", key, null, null).body()).path("daysLeft").isNull()
                && System.nanoTime() < until) {
            Thread.sleep(100); // the burn rate comes from the usage projection
        }
        assertThat(JSON.readTree(send("GET", "/api/v1/llm/credits", key, null, null).body()).path("daysLeft")
                .decimalValue()).isPositive();
    }

    private static String completed(String eventId, String session, String paymentIntent, String account) {
        return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"2025-09-30.clover\","
                + "\"type\":\"checkout.session.completed\",\"created\":" + Instant.now().getEpochSecond() + ","
                + "\"data\":{\"object\":{\"id\":\"" + session + "\",\"object\":\"checkout.session\",\"mode\":\"payment\","
                + "\"payment_status\":\"paid\",\"amount_total\":5000,\"currency\":\"usd\",\"payment_intent\":\""
                + paymentIntent + "\",\"client_reference_id\":\"" + account + "\",\"metadata\":{"
                + "\"switchgear_account_id\":\"" + account + "\",\"switchgear_credits_micro\":\"55000000000\","
                + "\"switchgear_package\":\"growth-50\"}}}}";
    }

    private static String refunded(String eventId, String paymentIntent, String account, long amountRefunded) {
        return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"charge.refunded\",\"created\":"
                + Instant.now().getEpochSecond() + ",\"data\":{\"object\":{\"id\":\"ch_" + paymentIntent + "\","
                + "\"object\":\"charge\",\"amount\":5000,\"amount_refunded\":" + amountRefunded + ",\"currency\":\"usd\","
                + "\"refunded\":" + (amountRefunded == 5000) + ",\"payment_intent\":\"" + paymentIntent + "\","
                + "\"metadata\":{\"switchgear_account_id\":\"" + account + "\"}}}}";
    }

    /** Stripe's scheme: {@code t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>}. */
    private static String signature(String payload, long timestamp, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
    }

    private int deliver(String payload, String signature) throws Exception {
        return send("POST", "/api/v1/billing/webhooks/stripe", null, payload, signature).statusCode();
    }

    private HttpResponse<String> send(String method, String path, String bearer, String body, String signature)
            throws Exception {
        return new GatewayClient(port).send(method, path, bearer, body,
                signature == null ? java.util.Map.of() : java.util.Map.of("Stripe-Signature", signature));
    }
}
