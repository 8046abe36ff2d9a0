package dev.switchgear.adapter.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AccountAlerts}: the WARN line every low-balance alert writes, and the JSON POST to the
 * configured webhook, sent asynchronously so that a slow or failing webhook neither throws into nor
 * holds up the caller.
 */
class AccountAlertsTest {

    private static final AccountId ACCOUNT = AccountId.of(UUID.fromString("6f1c2a9e-3b4d-4e5f-8a7b-0c1d2e3f4a5b"));
    private static final Instant AT = Instant.parse("2026-12-01T20:30:00.123Z");
    private static final MicroCredits BALANCE = MicroCredits.of(1_500_000);
    private static final MicroCredits THRESHOLD = MicroCredits.of(10_000_000);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long an asynchronous delivery may take on a loaded machine before the test gives up. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final WireMockServer HOOK = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeAll
    static void start() {
        HOOK.start();
    }

    @AfterAll
    static void stop() {
        HOOK.stop();
    }

    @BeforeEach
    void reset() {
        HOOK.resetAll();
    }

    private static AccountAlerts alerts() {
        return new AccountAlerts(Optional.of(URI.create(HOOK.baseUrl() + "/hooks/switchgear")), JSON);
    }

    @Test
    void withoutAWebhookItWritesTheWarnLineOnly() {
        try (LogCapture log = new LogCapture(AccountAlerts.class)) {
            new AccountAlerts(Optional.empty(), JSON).lowBalance(ACCOUNT, BALANCE, THRESHOLD, AT);

            assertThat(log.lines()).containsExactly("WARN account " + ACCOUNT.value()
                    + " is low on credits: 1.500000 credits left, below its threshold of 10.000000 credits");
        }
    }

    @Test
    void postsTheLowBalanceAlertAsJsonToTheWebhook() {
        HOOK.stubFor(post(urlEqualTo("/hooks/switchgear")).willReturn(aResponse().withStatus(204)));

        try (LogCapture log = new LogCapture(AccountAlerts.class)) {
            alerts().lowBalance(ACCOUNT, BALANCE, THRESHOLD, AT);

            LoggedRequest request = awaitOneDelivery();
            assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
            assertThat(request.getBodyAsString()).satisfies(body -> assertThat(equalToJson("""
                    {"event":"account.low_balance","account_id":"%s","balance":"1.500000",
                     "threshold":"10.000000","at":"2026-12-01T20:30:00.123Z"}""".formatted(ACCOUNT.value()))
                    .match(body).isExactMatch()).as(body).isTrue());
            assertThat(log.lines()).hasSize(1).allMatch(line -> line.contains("is low on credits"));
        }
    }

    @Test
    void aNegativeBalanceIsSentExactly() {
        HOOK.stubFor(post(urlEqualTo("/hooks/switchgear")).willReturn(aResponse().withStatus(200)));

        alerts().lowBalance(ACCOUNT, MicroCredits.of(-250_001), THRESHOLD, AT);

        awaitOneDelivery();
        HOOK.verify(postRequestedFor(urlEqualTo("/hooks/switchgear"))
                .withRequestBody(equalToJson("{\"balance\":\"-0.250001\"}", false, true))
                .withHeader("Content-Type", equalTo("application/json")));
    }

    @Test
    void aWebhookThatRefusesDoesNotThrowAndIsLogged() {
        HOOK.stubFor(post(urlEqualTo("/hooks/switchgear")).willReturn(aResponse().withStatus(500)));

        try (LogCapture log = new LogCapture(AccountAlerts.class)) {
            assertThatCode(() -> alerts().lowBalance(ACCOUNT, BALANCE, THRESHOLD, AT)).doesNotThrowAnyException();

            await(() -> log.lines().stream().anyMatch(line -> line.equals(
                    "WARN the alert webhook did not take the low-balance alert of " + ACCOUNT.value())));
        }
        assertThat(HOOK.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void anUnreachableWebhookDoesNotThrowAndIsLogged() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AccountAlerts unreachable = new AccountAlerts(Optional.of(URI.create("http://127.0.0.1:" + closedPort
                + "/hook")), JSON);

        try (LogCapture log = new LogCapture(AccountAlerts.class)) {
            assertThatCode(() -> unreachable.lowBalance(ACCOUNT, BALANCE, THRESHOLD, AT)).doesNotThrowAnyException();

            await(() -> log.lines().stream().anyMatch(line -> line.startsWith(
                    "WARN the alert webhook did not take the low-balance alert of " + ACCOUNT.value())));
        }
    }

    @Test
    void aSlowWebhookDoesNotHoldTheCallerUp() {
        HOOK.stubFor(post(urlEqualTo("/hooks/switchgear")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(8_000)));

        AccountAlerts alerts = alerts();
        long started = System.nanoTime();
        alerts.lowBalance(ACCOUNT, BALANCE, THRESHOLD, AT);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("the caller waited for the webhook's answer").isLessThan(Duration.ofSeconds(6));
        awaitOneDelivery();
    }

    private static LoggedRequest awaitOneDelivery() {
        await(() -> !HOOK.findAll(postRequestedFor(urlEqualTo("/hooks/switchgear"))).isEmpty());
        List<LoggedRequest> requests = HOOK.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not seen within " + PATIENCE);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
