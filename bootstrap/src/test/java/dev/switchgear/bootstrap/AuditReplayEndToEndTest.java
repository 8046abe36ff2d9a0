package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Replay for audits end to end (issue #15, ADR 0025), with Lago's and the alert webhook's stand-ins
 * recording every call: rebuilding each read model from the event store gives the live model's
 * checksum, and neither stand-in hears anything again, during or after; the side-effect processors
 * refuse a rebuild; a difference planted in the usage read model and one planted in the meter's log
 * are flagged by the reconciliation report (and the first by the rebuild's checksums, which the
 * rebuild then repairs); an account's balance as of instants before, between and after its charges
 * is the hand-computed fold of its events; bad input is a 400 or 404 in the OpenAI error shape.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditReplayEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int LAGO_PORT = freePort();
    static final int WEBHOOK_PORT = freePort();
    static final Map<String, AtomicInteger> METERED = new ConcurrentHashMap<>();
    static final AtomicInteger ALERTS = new AtomicInteger();
    static final HttpServer LAGO = start(LAGO_PORT, "/api/v1/events/batch", body -> {
        for (JsonNode event : body.path("events")) {
            METERED.computeIfAbsent(event.path("transaction_id").asText(), k -> new AtomicInteger()).incrementAndGet();
        }
    });
    static final HttpServer WEBHOOK = start(WEBHOOK_PORT, "/alerts", body -> ALERTS.incrementAndGet());
    static final String STRIPE_WEBHOOK_SECRET = "whsec_audit_replay_0123456789";
    static final String CHAT = "{\"model\":\"sim-echo\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"replay me\"}]}";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "audit-replay");
        registry.add("switchgear.lago.url", () -> "http://127.0.0.1:" + LAGO_PORT);
        registry.add("switchgear.lago.api-key", () -> "lago_test_key");
        registry.add("switchgear.billing.stripe-webhook-secret", () -> STRIPE_WEBHOOK_SECRET);
        registry.add("switchgear.billing.alert-webhook-url", () -> "http://127.0.0.1:" + WEBHOOK_PORT + "/alerts");
    }

    @AfterAll
    static void stop() {
        LAGO.stop(0);
        WEBHOOK.stop(0);
    }

    @LocalServerPort
    int port;
    @Autowired
    DSLContext db;
    GatewayClient gateway;

    @BeforeEach
    void setUp() {
        gateway = new GatewayClient(port);
    }

    @Test
    void everyReadModelRebuildsToTheLiveChecksumAndNoSideEffectFiresAgain() throws Exception {
        String account = gateway.openAccount("Rebuilt", "starter");
        String key = gateway.issueKey(account);
        gateway.grant(account, "5");
        assertThat(gateway.send("PUT", "/api/v1/llm/credits/low-balance-threshold", key, "{\"threshold\":100}",
                Map.of()).statusCode()).isEqualTo(200);
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            requests.add(complete(key));
        }
        HttpResponse<String> byok = gateway.send("POST", "/api/v1/byok/keys/add", key,
                "{\"provider\":\"openai\",\"api_key\":\"sk-proj-" + "r".repeat(40) + "\"}", Map.of());
        assertThat(byok.statusCode()).as(byok.body()).isEqualTo(201);
        GatewayClient.Reply selfService = gateway.post("/api/v1/keys", key, "{\"name\":\"to revoke\"}");
        assertThat(selfService.status()).isEqualTo(201);
        assertThat(gateway.send("DELETE", "/api/v1/keys/" + selfService.body().path("id").asText(), key, null,
                Map.of()).statusCode()).isIn(200, 204);
        awaitReconciled(account);
        awaitAtLeast(ALERTS, 1);
        requests.forEach(id -> assertThat(METERED.get(id)).as(id).hasValue(1));
        int alerts = ALERTS.get();
        Map<String, Integer> meteredBefore = snapshot();

        JsonNode listed = admin("GET", "/api/v1/admin/projections", 200);
        Map<String, JsonNode> byName = new HashMap<>();
        listed.path("data").forEach(p -> byName.put(p.path("name").asText(), p));
        assertThat(byName).containsKeys("usage", "audit", "api-keys", "keyring", "lago", "alerts");
        assertThat(byName.get("usage").path("kind").asText()).isEqualTo("read_model");
        assertThat(byName.get("usage").path("mode").asText()).isEqualTo("pooled");
        assertThat(byName.get("usage").path("tables").get(0).asText()).isEqualTo("usage_row");
        assertThat(byName.get("usage").path("position").asLong()).isPositive();
        assertThat(byName.get("usage").path("lag").asLong()).isBetween(0L, byName.get("usage").path("head").asLong());
        assertThat(byName.get("api-keys").path("mode").asText()).isEqualTo("subscribing");
        assertThat(byName.get("api-keys").path("position").isNull()).isTrue();
        for (String sideEffect : List.of("lago", "alerts")) {
            assertThat(byName.get(sideEffect).path("kind").asText()).as(sideEffect).isEqualTo("side_effect");
            assertThat(byName.get(sideEffect).path("rebuildable").asBoolean()).isFalse();
        }

        // A key from before keys were events (no event, ADR 0016) and last-use times (no event writes them).
        UUID accountUuid = UUID.fromString(account);
        String legacy = "legacy-" + UUID.randomUUID();
        assertThat(db.execute("insert into api_key (key_id, key_hash, prefix, account_id, created_at) values "
                + "(?, ?, 'sg-legacy', ?, now())", legacy, "f".repeat(32) + UUID.randomUUID().toString()
                .replace("-", ""), accountUuid)).isEqualTo(1);
        assertThat(db.execute("update api_key set last_used_at = '2999-01-01T00:00:00Z' where account_id = ?",
                accountUuid)).isEqualTo(3);

        for (String name : List.of("usage", "audit", "api-keys", "keyring")) {
            JsonNode rebuilt = admin("POST", "/api/v1/admin/projections/" + name + "/rebuild", 200);
            assertThat(rebuilt.path("mode").asText()).isEqualTo("transactional-replay");
            assertThat(rebuilt.path("matched").asBoolean()).as(name + ": " + rebuilt).isTrue();
            assertThat(rebuilt.at("/after/checksum").asText()).isEqualTo(rebuilt.at("/before/checksum").asText())
                    .hasSize(64);
            assertThat(rebuilt.at("/after/rows").asLong()).isEqualTo(rebuilt.at("/before/rows").asLong());
            assertThat(rebuilt.path("events_replayed").asLong()).as(name).isPositive();
        }
        assertThat(db.fetchCount(db.selectFrom(org.jooq.impl.DSL.table("api_key"))
                .where("account_id = ? and last_used_at = '2999-01-01T00:00:00Z'", accountUuid)))
                .as("every key kept its last use, the legacy key its row").isEqualTo(3);
        assertThat(db.fetchCount(db.selectFrom(org.jooq.impl.DSL.table("api_key"))
                .where("key_id = ? and revoked_at is null", legacy))).isEqualTo(1);
        assertThat(db.fetchCount(db.selectFrom(org.jooq.impl.DSL.table("api_key"))
                .where("account_id = ? and revoked_at is not null", accountUuid))).as("the revoked key").isEqualTo(1);
        JsonNode usage = admin("POST", "/api/v1/admin/projections/usage/rebuild", 200);
        assertThat(usage.at("/after/rows").asLong()).isGreaterThanOrEqualTo(5);

        for (String sideEffect : List.of("lago", "alerts")) {
            HttpResponse<String> refused = gateway.send("POST", "/api/v1/admin/projections/" + sideEffect + "/rebuild",
                    GatewayClient.ADMIN_KEY, null, Map.of());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(JSON.readTree(refused.body()).at("/error/code").asText()).isEqualTo("projection_not_rebuildable");
        }
        HttpResponse<String> unknown = gateway.send("POST", "/api/v1/admin/projections/no-such-thing/rebuild",
                GatewayClient.ADMIN_KEY, null, Map.of());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");

        // The processors went on: a charge after the rebuilds is projected and metered once, nothing else is sent.
        String after = complete(key);
        awaitReconciled(account);
        Thread.sleep(2_000);
        Map<String, Integer> meteredAfter = snapshot();
        meteredAfter.remove(after);
        assertThat(meteredAfter).isEqualTo(meteredBefore);
        assertThat(METERED.get(after)).hasValue(1);
        assertThat(ALERTS.get()).isEqualTo(alerts);

        // Each rebuild is in the audit log, with its checksums (the audit processor is asynchronous).
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> matched = new ArrayList<>();
        while (System.nanoTime() < until) {
            matched.clear();
            admin("GET", "/api/v1/audit?action=projection.rebuilt&limit=200", 200).path("data").forEach(entry -> {
                assertThat(entry.path("actor").asText()).isEqualTo("admin");
                assertThat(entry.at("/details/checksum_before").asText()).hasSize(64);
                if (entry.at("/details/matched").asBoolean()) {
                    matched.add(entry.path("target").asText());
                }
            });
            if (matched.containsAll(List.of("usage", "audit", "api-keys", "keyring"))) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(matched).contains("usage", "audit", "api-keys", "keyring");
    }

    @Test
    void theReportFlagsDifferencesPlantedInTheReadModelAndInWhatWasMetered() throws Exception {
        String account = gateway.openAccount("Reconciled", "starter");
        String key = gateway.issueKey(account);
        gateway.grant(account, "5");
        String first = complete(key);
        String second = complete(key);
        complete(key);
        // Stripe pays for the growth package ($50, 55,000 credits): a signed checkout.session.completed.
        String payment = "pi_recon_" + UUID.randomUUID().toString().replace("-", "");
        String paid = "{\"id\":\"evt_" + payment + "\",\"object\":\"event\",\"api_version\":\"2025-09-30.clover\","
                + "\"type\":\"checkout.session.completed\",\"created\":" + Instant.now().getEpochSecond() + ","
                + "\"data\":{\"object\":{\"id\":\"cs_" + payment + "\",\"object\":\"checkout.session\","
                + "\"mode\":\"payment\",\"payment_status\":\"paid\",\"amount_total\":5000,\"currency\":\"usd\","
                + "\"payment_intent\":\"" + payment + "\",\"client_reference_id\":\"" + account + "\",\"metadata\":{"
                + "\"switchgear_account_id\":\"" + account + "\",\"switchgear_credits_micro\":\"55000000000\","
                + "\"switchgear_package\":\"growth-50\"}}}}";
        HttpResponse<String> webhook = gateway.send("POST", "/api/v1/billing/webhooks/stripe", null, paid,
                Map.of("Stripe-Signature", stripeSignature(paid, Instant.now().getEpochSecond())));
        assertThat(webhook.statusCode()).as(webhook.body()).isEqualTo(200);
        JsonNode clean = awaitReconciled(account);
        assertThat(clean.path("differences")).isEmpty();
        assertThat(clean.at("/paid/purchases").asLong()).isEqualTo(1);
        assertThat(clean.at("/paid/credits_micro_credits").asLong()).isEqualTo(55_000_000_000L);
        assertThat(clean.at("/paid/paid_minor_units/usd").asLong()).isEqualTo(5_000);
        assertThat(clean.at("/paid/payment_references/0").asText()).isEqualTo(payment);
        assertThat(clean.at("/charges/count").asLong()).isEqualTo(3);
        assertThat(clean.at("/read_model/count").asLong()).isEqualTo(3);
        assertThat(clean.at("/metered/count").asLong()).isEqualTo(3);
        long charged = clean.at("/charges/charged_micro_credits").asLong();
        assertThat(charged).isPositive();
        assertThat(clean.path("event_balance_micro_credits").asLong()).isEqualTo(55_005_000_000L - charged)
                .isEqualTo(clean.path("ledger_balance_micro_credits").asLong())
                .isEqualTo(clean.path("moved_balance_micro_credits").asLong());

        UUID id = UUID.fromString(account);
        assertThat(db.execute("update usage_row set charged_micros = charged_micros + 7 where account_id = ? "
                + "and request_id = ?", id, first)).isEqualTo(1);
        assertThat(db.execute("delete from metered_charge where account_id = ? and request_id = ?", id, second))
                .isEqualTo(1);

        JsonNode report = admin("GET", "/api/v1/admin/reconciliation?account=" + account, 200);
        assertThat(report.path("metering").asBoolean()).isTrue();
        assertThat(report.path("accounts_with_differences").asLong()).isEqualTo(1);
        JsonNode flagged = report.path("accounts").get(0);
        assertThat(flagged.path("reconciled").asBoolean()).isFalse();
        Map<String, JsonNode> kinds = new HashMap<>();
        flagged.path("differences").forEach(d -> kinds.put(d.path("kind").asText(), d));
        assertThat(kinds).containsOnlyKeys("read_model_charged", "metered_requests", "metered_charged");
        assertThat(kinds.get("read_model_charged").path("expected").asText()).isEqualTo(Long.toString(charged));
        assertThat(kinds.get("read_model_charged").path("found").asText()).isEqualTo(Long.toString(charged + 7));
        assertThat(kinds.get("metered_requests").path("expected").asText()).isEqualTo("3");
        assertThat(kinds.get("metered_requests").path("found").asText()).isEqualTo("2");

        // The rebuild sees it too (the checksums differ) and puts the read model back as the events say.
        JsonNode rebuilt = admin("POST", "/api/v1/admin/projections/usage/rebuild", 200);
        assertThat(rebuilt.path("matched").asBoolean()).isFalse();
        assertThat(rebuilt.at("/after/rows").asLong()).isEqualTo(rebuilt.at("/before/rows").asLong());
        JsonNode repaired = admin("GET", "/api/v1/admin/reconciliation?account=" + account, 200).path("accounts").get(0);
        List<String> left = new ArrayList<>();
        repaired.path("differences").forEach(d -> left.add(d.path("kind").asText()));
        assertThat(left).containsExactlyInAnyOrder("metered_requests", "metered_charged");
        assertThat(admin("POST", "/api/v1/admin/projections/usage/rebuild", 200).path("matched").asBoolean()).isTrue();
    }

    @Test
    void theReportPagesOverEveryAccount() throws Exception {
        for (int i = 0; i < 3; i++) {
            gateway.openAccount("Paged " + i, "free");
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = admin("GET", "/api/v1/admin/reconciliation?limit=2" + (after == null ? "" : "&after=" + after),
                    200);
            page.path("accounts").forEach(a -> seen.add(a.path("account_id").asText()));
            assertThat(page.path("accounts").size()).isBetween(1, 2);
            after = page.path("next").isNull() ? null : page.path("next").asText();
            pages++;
        } while (after != null && pages < 100);
        assertThat(seen).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(3).isSorted();
        assertThat(gateway.get("/api/v1/admin/reconciliation?limit=0", GatewayClient.ADMIN_KEY).status()).isEqualTo(400);
        assertThat(gateway.get("/api/v1/admin/reconciliation?account=not-an-id", GatewayClient.ADMIN_KEY).status())
                .isEqualTo(400);
        assertThat(gateway.get("/api/v1/admin/reconciliation?account=" + UUID.randomUUID(), GatewayClient.ADMIN_KEY)
                .status()).isEqualTo(404);
    }

    @Test
    void aBalanceAsOfAnInstantIsTheFoldOfTheEventsStoredUpToIt() throws Exception {
        String account = gateway.openAccount("Historic", "starter");
        String key = gateway.issueKey(account);
        Thread.sleep(5);
        gateway.grant(account, "10");
        Thread.sleep(5);
        complete(key);
        Thread.sleep(5);
        gateway.grant(account, "5");
        Thread.sleep(5);
        complete(key);

        JsonNode events = gateway.events(account);
        Map<String, List<JsonNode>> byType = new HashMap<>();
        events.forEach(e -> byType.computeIfAbsent(e.path("type").asText(), t -> new ArrayList<>()).add(e));
        JsonNode opened = byType.get("AccountOpened").get(0);
        JsonNode firstGrant = byType.get("CreditsGranted").get(0);
        JsonNode firstCharge = byType.get("UsageCharged").get(0);
        JsonNode secondGrant = byType.get("CreditsGranted").get(1);
        JsonNode secondCharge = byType.get("UsageCharged").get(1);
        long charge1 = firstCharge.at("/payload/charged").asLong();
        long charge2 = secondCharge.at("/payload/charged").asLong();
        assertThat(charge1).isPositive();
        assertThat(charge2).isPositive();

        Instant openedAt = Instant.parse(opened.path("timestamp").asText());
        JsonNode before = balanceAt(account, openedAt.minusMillis(1));
        assertThat(before.path("balance_micro_credits").asLong()).isZero();
        assertThat(before.path("events_counted").asLong()).isZero();
        assertThat(before.path("last_event").isNull()).isTrue();

        JsonNode afterGrant = balanceAt(account, Instant.parse(firstGrant.path("timestamp").asText()));
        assertThat(afterGrant.path("balance_micro_credits").asLong()).isEqualTo(10_000_000);
        assertThat(afterGrant.at("/last_event/type").asText()).isEqualTo("CreditsGranted");
        assertThat(afterGrant.at("/last_event/sequence").asLong()).isEqualTo(firstGrant.path("sequence").asLong());

        JsonNode between = balanceAt(account, Instant.parse(firstCharge.path("timestamp").asText()));
        assertThat(between.path("balance_micro_credits").asLong()).isEqualTo(10_000_000 - charge1);
        assertThat(between.at("/last_event/type").asText()).isEqualTo("UsageCharged");

        JsonNode afterSecondGrant = balanceAt(account, Instant.parse(secondGrant.path("timestamp").asText()));
        assertThat(afterSecondGrant.path("balance_micro_credits").asLong()).isEqualTo(15_000_000 - charge1);

        JsonNode now = balanceAt(account, Instant.parse("2999-01-01T00:00:00Z"));
        assertThat(now.path("balance_micro_credits").asLong()).isEqualTo(15_000_000 - charge1 - charge2)
                .isEqualTo(gateway.balance(key));
        assertThat(now.path("events_counted").asLong()).isEqualTo(events.size());
        assertThat(now.at("/last_event/sequence").asLong()).isEqualTo(events.get(events.size() - 1).path("sequence")
                .asLong());

        GatewayClient.Reply own = gateway.get("/api/v1/llm/credits/balance?at=" + secondGrant.path("timestamp").asText(),
                key);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().path("balance_micro_credits").asLong()).isEqualTo(15_000_000 - charge1);
        assertThat(own.body().path("balance").asText()).isEqualTo(
                java.math.BigDecimal.valueOf(15_000_000 - charge1, 6).toPlainString());

        for (String bad : List.of("yesterday", "2026-13-01T00:00:00Z", "2026-12-01", "")) {
            GatewayClient.Reply refused = gateway.get("/api/v1/admin/accounts/" + account + "/balance?at=" + bad,
                    GatewayClient.ADMIN_KEY);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.body().at("/error/param").asText()).isEqualTo("at");
            assertThat(refused.body().at("/error/type").asText()).isEqualTo("invalid_request_error");
        }
        assertThat(gateway.get("/api/v1/llm/credits/balance", key).status()).isEqualTo(400);
        assertThat(gateway.get("/api/v1/admin/accounts/" + UUID.randomUUID() + "/balance?at=2026-12-01T00:00:00Z",
                GatewayClient.ADMIN_KEY).status()).isEqualTo(404);
        assertThat(gateway.get("/api/v1/admin/accounts/" + account + "/balance?at=2026-12-01T00:00:00Z", key).status())
                .isEqualTo(403);
    }

    /** Stripe's scheme: {@code t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>}. */
    private static String stripeSignature(String payload, long timestamp) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(STRIPE_WEBHOOK_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "HmacSHA256"));
        return "t=" + timestamp + ",v1=" + java.util.HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private JsonNode balanceAt(String account, Instant at) {
        GatewayClient.Reply reply = gateway.get("/api/v1/admin/accounts/" + account + "/balance?at=" + at,
                GatewayClient.ADMIN_KEY);
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
        return reply.body();
    }

    private String complete(String key) {
        HttpResponse<String> answer = gateway.send("POST", "/v1/chat/completions", key, CHAT, Map.of());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.headers().firstValue("X-Request-Id").orElseThrow();
    }

    private JsonNode admin(String method, String path, int status) throws IOException {
        HttpResponse<String> response = gateway.send(method, path, GatewayClient.ADMIN_KEY, null, Map.of());
        assertThat(response.statusCode()).as(method + " " + path + " -> " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    /** Waits until the account's report has no difference (the usage and lago processors caught up). */
    private JsonNode awaitReconciled(String account) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < until) {
            last = admin("GET", "/api/v1/admin/reconciliation?account=" + account, 200).path("accounts").get(0);
            if (last.path("reconciled").asBoolean()) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not reconciled within 30 s: " + last);
    }

    private static void awaitAtLeast(AtomicInteger counter, int count) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (counter.get() < count && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(counter.get()).isGreaterThanOrEqualTo(count);
    }

    private static Map<String, Integer> snapshot() {
        Map<String, Integer> copy = new HashMap<>();
        METERED.forEach((id, count) -> copy.put(id, count.get()));
        return copy;
    }

    /** A stand-in answering 200 to POSTs on {@code path} and handing each JSON body to {@code sink}. */
    private static HttpServer start(int port, String path, java.util.function.Consumer<JsonNode> sink) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext(path, exchange -> {
                try (exchange) {
                    sink.accept(JSON.readTree(exchange.getRequestBody()));
                    byte[] answer = "{}".getBytes();
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
