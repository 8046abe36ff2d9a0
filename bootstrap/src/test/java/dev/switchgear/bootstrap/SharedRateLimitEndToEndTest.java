package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.adapter.limits.RedisProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two whole gateways in this JVM sharing one PostgreSQL (embedded, started here, handed to both as
 * an external database) and one Redis (a {@code redis-server} this test starts on a free port and
 * stops): requests spread over both pass exactly the account's limit together (ADR 0017).
 */
class SharedRateLimitEndToEndTest {

    private static RedisProcess redis;
    private static EmbeddedPostgres postgres;
    private static final List<ConfigurableApplicationContext> gateways = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        redis = RedisProcess.start();
        postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off").start();
        for (int i = 0; i < 2; i++) {
            gateways.add(gateway(Files.createTempDirectory("switchgear-shared-limits")));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        gateways.forEach(ConfigurableApplicationContext::close);
        if (postgres != null) {
            postgres.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void twoGatewaysOnOneRedisPassExactlyTheLimitTogether() {
        GatewayClient first = GatewayClient.of(gateways.get(0));
        GatewayClient second = GatewayClient.of(gateways.get(1));
        String account = first.openAccount("Shared", "starter");
        String key = first.issueKey(account);
        first.grant(account, "20");
        assertThat(first.send("PUT", "/api/v1/admin/accounts/" + account + "/rate-limits", GatewayClient.ADMIN_KEY,
                "{\"requests_per_minute\":10,\"tokens_per_minute\":null}", java.util.Map.of()).statusCode())
                .isEqualTo(200);

        // One gateway writes an account's charges at a time (the ledger's single writer, ADR 0004),
        // so the first answers six, then the second is asked twenty times at once.
        assertThat(statuses(first, key, 6)).containsOnly(200);
        List<Integer> onSecond = statuses(second, key, 20);
        assertThat(onSecond.stream().filter(s -> s == 200).count()).as(onSecond.toString()).isEqualTo(4);
        assertThat(onSecond.stream().filter(s -> s == 429).count()).isEqualTo(16);
        GatewayClient.Reply afterwards = first.post("/v1/chat/completions", key, GatewayEndToEndTest.HELLO);
        assertThat(afterwards.status()).as("the first gateway sees the second's use").isEqualTo(429);
        assertThat(afterwards.raw().headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
    }

    private static List<Integer> statuses(GatewayClient gateway, String key, int requests) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(120))
                    .POST(HttpRequest.BodyPublishers.ofString(GatewayEndToEndTest.HELLO)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        return calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
    }

    private static ConfigurableApplicationContext gateway(Path data) {
        return new SpringApplicationBuilder(SwitchgearApplication.class).run(
                "--server.port=0",
                "--switchgear.data-dir=" + data,
                "--switchgear.admin-key=" + GatewayClient.ADMIN_KEY,
                "--switchgear.db.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--switchgear.db.user=postgres",
                "--switchgear.db.password=",
                "--switchgear.limits.redis-url=" + redis.url());
    }
}
