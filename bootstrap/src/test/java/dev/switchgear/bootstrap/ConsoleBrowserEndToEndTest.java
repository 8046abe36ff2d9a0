package dev.switchgear.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.switchgear.adapter.simulator.Simulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web console (ADR 0026) in headless Chromium against the whole gateway: embedded PostgreSQL, two
 * simulator providers, an OpenAI stand-in that checks provider keys, and a Stripe stand-in a browser can
 * pay through. Each test drives one of the requirements' flows with playwright-core on Debian's
 * {@code chromium} (adapters/console/src/test/browser/console-flows.mjs) and then checks the gateway's own
 * state: what the page showed happened. Every page visited passes axe-core without a serious or critical
 * violation, logs no console error or warning, and fits 375 px; the screenshots stay in
 * {@code target/console-screenshots}.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ConsoleBrowserEndToEndTest {

    static final int PORT = freePort();
    static final String WEBHOOK_SECRET = "whsec_console_test_0123456789abcdef";
    static final String OPENAI_GOOD = "sk-proj-" + "g".repeat(44);
    static final String OPENAI_BAD = "sk-proj-" + "b".repeat(44);
    static final Simulator SIM_A = Simulator.start(new Simulator.Settings(0, Duration.ZERO, 0, Optional.empty()));
    static final Simulator SIM_B = Simulator.start(new Simulator.Settings(0, Duration.ZERO, 0, Optional.empty()));
    static final WireMockServer OPENAI = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    static final StripeCheckoutStandIn STRIPE;
    static final Path CONSOLE = Path.of("..", "adapters", "console").toAbsolutePath().normalize();
    static final Path OUT = Path.of("target", "console-screenshots").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();
    static boolean catalogReady;

    static {
        OPENAI.start();
        // a key check is GET /v1/models: the good key is accepted, any other refused as OpenAI refuses it
        OPENAI.stubFor(get(urlEqualTo("/v1/models")).atPriority(5).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":\"invalid_request_error\","
                        + "\"code\":\"invalid_api_key\"}}")));
        OPENAI.stubFor(get(urlEqualTo("/v1/models")).atPriority(1).withHeader("Authorization", equalTo("Bearer " + OPENAI_GOOD))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\"}]}")));
        try {
            STRIPE = new StripeCheckoutStandIn("http://127.0.0.1:" + PORT + "/api/v1/billing/webhooks/stripe", WEBHOOK_SECRET);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "console");
        registry.add("server.port", () -> PORT);
        registry.add("switchgear.providers.sim-a.base-url", () -> SIM_A.baseUrl().toString());
        registry.add("switchgear.providers.sim-a.keyless", () -> "true");
        registry.add("switchgear.providers.sim-b.base-url", () -> SIM_B.baseUrl().toString());
        registry.add("switchgear.providers.sim-b.keyless", () -> "true");
        registry.add("switchgear.providers.openai.base-url", () -> OPENAI.baseUrl() + "/v1");
        registry.add("switchgear.providers.openai.api-key", () -> "");
        registry.add("switchgear.routing.probe-interval", () -> "1h");
        registry.add("switchgear.billing.stripe-secret-key", () -> "sk_test_console_0123456789");
        registry.add("switchgear.billing.stripe-webhook-secret", () -> WEBHOOK_SECRET);
        registry.add("switchgear.billing.stripe-api-base", STRIPE::baseUrl);
        registry.add("switchgear.billing.success-url", () -> "http://127.0.0.1:" + PORT
                + "/admin/subscription/credits?success=true&session_id={CHECKOUT_SESSION_ID}");
        registry.add("switchgear.billing.cancel-url", () -> "http://127.0.0.1:" + PORT
                + "/admin/subscription/credits?canceled=true");
    }

    @AfterAll
    static void stop() {
        SIM_A.close();
        SIM_B.close();
        OPENAI.stop();
        STRIPE.close();
    }

    final GatewayClient gateway = new GatewayClient(PORT);

    /** The routing catalog the flows see: a cheap and a good model on two simulators, and a professional one. */
    @BeforeEach
    void catalog() {
        if (catalogReady) {
            return;
        }
        call("POST", "/api/v1/llm/providers", GatewayClient.ADMIN_KEY, "{\"id\":\"sim-a\",\"name\":\"Simulator A\"}", 200);
        call("POST", "/api/v1/llm/providers", GatewayClient.ADMIN_KEY, "{\"id\":\"sim-b\",\"name\":\"Simulator B\"}", 200);
        call("POST", "/api/v1/llm/models", GatewayClient.ADMIN_KEY, model("a-cheap", "sim-a", 100_000, 200_000, "free", 60), 200);
        call("POST", "/api/v1/llm/models", GatewayClient.ADMIN_KEY, model("b-best", "sim-b", 1_000_000, 2_000_000, "free", 90), 200);
        call("POST", "/api/v1/llm/models", GatewayClient.ADMIN_KEY, model("b-pro", "sim-b", 3_000_000, 6_000_000, "professional", 99), 200);
        catalogReady = true;
    }

    @Test
    void theConsoleIsServedAtTheRootItsDeepLinksAndItsSettingsWithoutAKeyAndTheApiStaysClosed() throws Exception {
        HttpResponse<String> root = gateway.send("GET", "/", null, null, Map.of());
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.body()).contains("<div id=\"root\"></div>", "/assets/");
        assertThat(root.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self'", "frame-ancestors 'none'"));
        HttpResponse<String> deep = gateway.send("GET", "/admin/subscription/credits?success=true", null, null, Map.of());
        assertThat(deep.statusCode()).isEqualTo(200);
        assertThat(deep.body()).isEqualTo(root.body());
        String script = root.body().replaceAll("(?s).*src=\"(/assets/[^\"]+\\.js)\".*", "$1");
        HttpResponse<String> asset = gateway.send("GET", script, null, null, Map.of());
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        JsonNode config = JSON.readTree(gateway.send("GET", "/console/config.json", null, null, Map.of()).body());
        assertThat(config.at("/oidc/enabled").asBoolean()).isFalse();
        assertThat(config.at("/oidc/client_id").isNull()).isTrue();
        // the console's paths are public only to read; the API behind them is not
        assertThat(gateway.send("POST", "/admin/llm/byok", null, "{}", Map.of()).statusCode()).isEqualTo(401);
        assertThat(gateway.send("GET", "/api/v1/admin/master-key", null, null, Map.of()).statusCode()).isEqualTo(401);
        assertThat(gateway.send("GET", "/api/v1/llm/credits", null, null, Map.of()).statusCode()).isEqualTo(401);
        HttpResponse<String> missing = gateway.send("GET", "/assets/nothing-here.js", null, null, Map.of());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"error\"");
    }

    @Test
    void addTestAndDeleteAProviderKeyAndTheFreeTiersUpgradePrompt() throws Exception {
        String starter = gateway.openAccount("Console BYOK", "starter");
        String starterKey = gateway.issueKey(starter);
        String freeKey = gateway.issueKey(gateway.openAccount("Console free", "free"));

        JsonNode report = browser("byok", Map.of("STARTER_KEY", starterKey, "FREE_KEY", freeKey,
                "OPENAI_GOOD_KEY", OPENAI_GOOD, "OPENAI_BAD_KEY", OPENAI_BAD));

        assertThat(report.path("steps").toString()).contains("deleted");
        // what the page showed happened: the key was tested live at the provider (unsaved, once stored, and
        // on re-test), saved and deleted
        OPENAI.verify(1, getRequestedFor(urlEqualTo("/v1/models")).withHeader("Authorization", equalTo("Bearer " + OPENAI_BAD)));
        OPENAI.verify(3, getRequestedFor(urlEqualTo("/v1/models")).withHeader("Authorization", equalTo("Bearer " + OPENAI_GOOD)));
        assertThat(gateway.get("/api/v1/byok/keys", starterKey).body().path("keys")).isEmpty();
        String audit = gateway.get("/api/v1/audit?action=provider_key.added,provider_key.removed", starterKey).raw().body();
        assertThat(audit).contains("provider_key.added", "provider_key.removed").doesNotContain(OPENAI_GOOD);
        assertThat(gateway.get("/api/v1/byok/keys", freeKey).body().path("keys")).isEmpty();
    }

    @Test
    void switchThePowerLevelSeeTheEstimateChangeAndTheNextRequestGoToAnotherModel() throws Exception {
        String account = gateway.openAccount("Console power", "starter");
        String key = gateway.issueKey(account);
        gateway.grant(account, "100");
        call("PUT", "/api/v1/llm/users/" + account + "/power-level", key, "{\"power_level\":\"precision\"}", 200);
        assertThat(model(chat(key))).isEqualTo("b-best");

        JsonNode report = browser("power", Map.of("STARTER_KEY", key));

        assertThat(report.at("/estimates/before").asText()).contains("Precision");
        assertThat(report.at("/estimates/after").asText()).contains("Eco");
        assertThat(call("GET", "/api/v1/llm/users/" + account + "/power-level", key, null, 200).path("power_level").asText())
                .isEqualTo("eco");
        assertThat(model(chat(key))).isEqualTo("a-cheap");
    }

    @Test
    void buyCreditsThroughCheckoutAndReturnToTheSuccessBannerWithTheNewBalance() throws Exception {
        String account = gateway.openAccount("Console buyer", "starter");
        String key = gateway.issueKey(account);
        gateway.grant(account, "1000");

        JsonNode report = browser("credits", Map.of("STARTER_KEY", key, "STRIPE_URL", STRIPE.baseUrl()));

        assertThat(report.at("/balances/before").asText()).isEqualTo("1,000");
        assertThat(report.at("/balances/after").asText()).isEqualTo("56,000");
        assertThat(gateway.balance(key)).isEqualTo(56_000_000_000L);
        assertThat(STRIPE.deliveries()).containsExactly(200);
        Map<String, String> session = STRIPE.sessions().values().stream()
                .filter(s -> account.equals(s.get("metadata[switchgear_account_id]"))).findFirst().orElseThrow();
        assertThat(session).containsEntry("metadata[switchgear_package]", "growth-50")
                .containsEntry("line_items[0][price_data][unit_amount]", "5000");
        assertThat(session.get("success_url")).endsWith("/admin/subscription/credits?success=true&session_id={CHECKOUT_SESSION_ID}");
    }

    @Test
    void theRequestsJustMadeAppearInAnalyticsAndTheirExport() throws Exception {
        String account = gateway.openAccount("Console analyst", "starter");
        String key = gateway.issueKey(account);
        gateway.grant(account, "100");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> answer = chat(key);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            ids.add(answer.headers().firstValue("X-Request-Id").orElseThrow());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (gateway.graphql(key, "{ usage(accountId: \"" + account + "\") { totals { requests } } }").body()
                .at("/data/usage/totals/requests").asLong() < 3) {
            assertThat(System.nanoTime()).as("the usage projection catches up").isLessThan(deadline);
            Thread.sleep(50);
        }

        JsonNode report = browser("analytics", Map.of("STARTER_KEY", key, "REQUEST_IDS", String.join(",", ids)));

        assertThat(report.path("steps").toString()).contains("exported 3 rows");
        String csv = Files.readString(OUT.resolve("usage-export.csv"), StandardCharsets.UTF_8);
        assertThat(csv.lines()).hasSize(4);
        ids.forEach(id -> assertThat(csv).contains(id));
    }

    @Test
    void filterAndSortTheCatalog() throws Exception {
        String key = gateway.issueKey(gateway.openAccount("Console catalog", "starter"));
        JsonNode report = browser("catalog", Map.of("STARTER_KEY", key));
        assertThat(report.path("steps").toString()).contains("filtered and sorted: ");
        String sorted = report.path("steps").toString().replaceAll(".*filtered and sorted: ([^\"]*)\".*", "$1");
        assertThat(sorted.indexOf("a-cheap")).isNotNegative().isLessThan(sorted.indexOf("b-best"));
        assertThat(sorted.indexOf("b-best")).isLessThan(sorted.indexOf("b-pro"));
    }

    @Test
    void everyOtherPageAsAnAccountAndAsTheAdministratorAtDesktopAndPhoneWidths() throws Exception {
        String key = gateway.issueKey(gateway.openAccount("Console pages", "starter"));
        JsonNode report = browser("pages", Map.of("STARTER_KEY", key, "ADMIN_KEY", GatewayClient.ADMIN_KEY));
        List<String> inspected = new ArrayList<>();
        report.path("axe").forEach(page -> inspected.add(page.path("page").asText()));
        assertThat(inspected).contains("sign-in-desktop", "sign-in-375", "providers-375", "audit-desktop",
                "admin-accounts-desktop", "admin-catalog-375", "admin-routing-desktop", "admin-master-key-375",
                "admin-audit-desktop");
        // what the administrator did in the browser happened: an account, its key, its 250 credits
        String issued = report.path("issuedKey").asText();
        assertThat(gateway.balance(issued)).isEqualTo(250_000_000L);
        assertThat(gateway.get("/api/v1/llm/credits", issued).body().path("accountId").asText())
                .isEqualTo(report.path("opened").asText());
    }

    /**
     * Lighthouse's accessibility score (the issue asks for at least 90) of every page, at 375 px and at desktop
     * width, as an account with requests made and as the administrator (lighthouse.mjs: the sign-in page as a
     * navigation, every page behind it as a snapshot). The figures are recorded in docs/console.md; the HTML
     * reports stay in {@code target/console-screenshots}.
     */
    @Test
    void lighthouseScoresTheAccessibilityOfEveryPageAtLeast90() throws Exception {
        String account = gateway.openAccount("Lighthouse", "starter");
        String key = gateway.issueKey(account);
        gateway.grant(account, "10");
        assertThat(chat(key).statusCode()).isEqualTo(200);

        node("lighthouse.mjs", "lighthouse", Map.of("STARTER_KEY", key, "ADMIN_KEY", GatewayClient.ADMIN_KEY), PORT);

        JsonNode report = JSON.readTree(OUT.resolve("lighthouse-report.json").toFile());
        List<String> measured = new ArrayList<>();
        for (JsonNode page : report.path("pages")) {
            String name = page.path("page").asText();
            measured.add(name);
            assertThat(page.path("applicable").asInt()).as("%s: audits that applied", name).isGreaterThan(5);
            assertThat(page.path("score").asDouble()).as("%s: Lighthouse accessibility score, failing %s", name,
                    page.path("failing")).isGreaterThanOrEqualTo(0.9);
        }
        List<String> pages = List.of("sign-in", "byok", "settings", "credits", "analytics", "models", "providers", "audit",
                "admin-accounts", "admin-catalog", "admin-routing", "admin-master-key", "admin-analytics",
                "admin-providers", "admin-audit");
        List<String> expected = new ArrayList<>();
        for (String width : List.of("375", "desktop")) {
            pages.forEach(page -> expected.add(page + "-" + width));
        }
        assertThat(measured).containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * Sign-in through a real Keycloak (the test realm's public client {@code switchgear-console}): the
     * authorization code flow with PKCE in a pop-up, against a second gateway that accepts that issuer.
     */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(KeycloakExtension.class)
    void signInThroughKeycloakWithPkce(KeycloakServer keycloak) throws Exception {
        int port = freePort();
        try (org.springframework.context.ConfigurableApplicationContext oidcGateway =
                     new org.springframework.boot.builder.SpringApplicationBuilder(SwitchgearApplication.class).run(
                "--server.port=" + port,
                "--switchgear.data-dir=" + Files.createTempDirectory("switchgear-console-oidc"),
                "--switchgear.admin-key=" + GatewayClient.ADMIN_KEY,
                "--switchgear.db.embedded-durable=false",
                "--switchgear.oidc.issuer-uri=" + keycloak.issuer(),
                "--switchgear.oidc.audience=" + KeycloakTokens.GATEWAY_CLIENT)) {
            GatewayClient other = new GatewayClient(port);
            JsonNode config = JSON.readTree(other.send("GET", "/console/config.json", null, null, Map.of()).body());
            assertThat(config.at("/oidc/issuer").asText()).isEqualTo(keycloak.issuer());
            assertThat(config.at("/oidc/client_id").asText()).isEqualTo("switchgear-console");
            assertThat(other.send("GET", "/", null, null, Map.of()).headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp).contains("connect-src 'self' http://127.0.0.1:" + keycloak.port()));

            JsonNode report = browser("oidc", Map.of("OIDC_USER", "ada", "OIDC_PASSWORD", "pw-ada-1"), port);

            assertThat(report.path("who").asText()).startsWith("Account ");
        }
    }

    private JsonNode browser(String flow, Map<String, String> values) throws Exception {
        return browser(flow, values, PORT);
    }

    /** Runs one flow of console-flows.mjs in headless Chromium; fails with its output unless it passed. */
    private JsonNode browser(String flow, Map<String, String> values, int port) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(values);
        env.put("FLOW", flow);
        String output = node("console-flows.mjs", flow, env, port);
        JsonNode report = JSON.readTree(OUT.resolve(flow + "-report.json").toFile());
        assertThat(report.path("problems")).as(output).isEmpty();
        assertThat(report.path("console")).as("console errors or warnings").isEmpty();
        report.path("axe").forEach(page -> page.path("violations").forEach(v -> assertThat(v.path("impact").asText())
                .as("%s: %s", page.path("page").asText(), v).isNotIn("serious", "critical")));
        assertThat(report.path("screenshots")).isNotEmpty();
        return report;
    }

    /**
     * Runs a script of adapters/console/src/test/browser with Node.js against the gateway on {@code port}; its
     * output goes to {@code <name>.log} in {@link #OUT}. Fails with that output unless it ended well within 5 minutes.
     */
    private static String node(String script, String name, Map<String, String> values, int port) throws Exception {
        Files.createDirectories(OUT);
        Path log = OUT.resolve(name + ".log");
        ProcessBuilder node = new ProcessBuilder("node", "src/test/browser/" + script).directory(CONSOLE.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = node.environment();
        env.putAll(values);
        env.put("BASE_URL", "http://127.0.0.1:" + port);
        env.put("OUT_DIR", OUT.toString());
        env.put("CHROMIUM", System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        Process process = node.start();
        boolean done = process.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(done).as("%s finished within 5 minutes:%n%s", name, output).isTrue();
        assertThat(process.exitValue()).as("%s in Chromium:%n%s", name, output).isZero();
        return output;
    }

    private HttpResponse<String> chat(String key) {
        return gateway.send("POST", "/v1/chat/completions", key, "{\"model\":\"auto\",\"max_tokens\":16,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello from the console test\"}]}", Map.of());
    }

    private static String model(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.headers().firstValue("X-Switchgear-Model").orElseThrow();
    }

    private JsonNode call(String method, String path, String bearer, String body, int expected) {
        HttpResponse<String> response = gateway.send(method, path, bearer, body, Map.of());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        try {
            return response.body().isEmpty() ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String model(String id, String provider, long in, long out, String tier, int quality) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", id);
        model.put("provider", provider);
        model.put("upstream_model", "sim-echo");
        model.put("input_per_1k", in);
        model.put("output_per_1k", out);
        model.put("context_tokens", 100_000);
        model.put("default_max_output_tokens", 256);
        model.put("min_tier", tier);
        model.put("capabilities", List.of("tools", "json"));
        model.put("quality", quality);
        model.put("use_cases", List.of("chat"));
        try {
            return JSON.writeValueAsString(model);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
