package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Key guessing is slowed per client address (ADR 0013), here behind a trusted proxy: Tomcat believes
 * {@code X-Forwarded-For} from 127.0.0.1 only, so the test can speak for several clients; a peer
 * that is not the proxy (127.0.0.2) is counted as itself whatever it claims.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.forward-headers-strategy=native",
                "server.tomcat.remoteip.internal-proxies=127\\\\.0\\\\.0\\\\.1",
                "switchgear.security.failed-authentications-per-minute=20"})
class GuessingEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The limit refills one attempt every 60 s / 20. */
    private static final long REFILL_NANOS = 3_000_000_000L;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "guessing");
    }

    @LocalServerPort
    int port;

    @Test
    void twoHundredWrongAdminKeysFromOneAddressMeet429sWhileAGoodKeyFromElsewhereWorks() throws Exception {
        GatewayClient gateway = new GatewayClient(port);
        String accountKey = gateway.issueKey(gateway.openAccount("Bystander", "free"));

        List<Integer> statuses = new ArrayList<>();
        long started = System.nanoTime();
        long lastRefusal = started;
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> response = from("203.0.113.7", gateway, "sg-admin-guess-" + i);
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                lastRefusal = System.nanoTime();
                long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
                assertThat(retryAfter).isBetween(1L, 60L);
                JsonNode error = JSON.readTree(response.body()).path("error");
                assertThat(error.path("code").asText()).isEqualTo("too_many_failed_authentications");
                assertThat(error.path("type").asText()).isEqualTo("rate_limit_error");
            }
        }
        long elapsed = System.nanoTime() - started;

        assertThat(statuses.subList(0, 20)).as("the allowance").containsOnly(401);
        assertThat(statuses).containsOnly(401, 429);
        long allowed = 20 + elapsed / REFILL_NANOS + 1;
        assertThat(statuses.stream().filter(s -> s == 401).count()).as("401s in %d ms", elapsed / 1_000_000)
                .isLessThanOrEqualTo(allowed);
        assertThat(statuses.get(20)).isEqualTo(429);

        // While blocked, even the right key from that address is not checked: a guess learns nothing.
        HttpResponse<String> rightKeyThere = from("203.0.113.7", gateway, GatewayClient.ADMIN_KEY);
        if (System.nanoTime() - lastRefusal < REFILL_NANOS) {
            assertThat(rightKeyThere.statusCode()).isEqualTo(429);
        }
        // Other addresses are not slowed: the admin key, an account key, even a wrong key answered 401.
        assertThat(from("198.51.100.9", gateway, GatewayClient.ADMIN_KEY).statusCode()).isEqualTo(200);
        assertThat(from("198.51.100.10", gateway, accountKey).statusCode()).isEqualTo(403);
        assertThat(gateway.send("GET", "/api/v1/llm/credits", accountKey, null,
                Map.of("X-Forwarded-For", "198.51.100.10")).statusCode()).isEqualTo(200);
        assertThat(from("198.51.100.11", gateway, "sg-one-typo").statusCode()).isEqualTo(401);
        // The proxy's own requests (no X-Forwarded-For) are their own address, not the attacker's.
        assertThat(gateway.get("/api/v1/admin/master-key", GatewayClient.ADMIN_KEY).status()).isEqualTo(200);
    }

    @Test
    void aPeerThatIsNotTheTrustedProxyIsCountedAsItselfWhateverItClaims() {
        RawHttp untrusted = new RawHttp(port, "127.0.0.2");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            statuses.add(untrusted.send("GET", "/api/v1/llm/credits", null, "Authorization: Bearer sg-guess-" + i,
                    "X-Forwarded-For: 192.0.2." + i).status());
        }
        assertThat(statuses.subList(0, 20)).containsOnly(401);
        assertThat(statuses).contains(429);
        GatewayClient gateway = new GatewayClient(port);
        assertThat(gateway.get("/api/v1/admin/master-key", GatewayClient.ADMIN_KEY).status()).isEqualTo(200);
    }

    private static HttpResponse<String> from(String address, GatewayClient gateway, String key) {
        return gateway.send("GET", "/api/v1/admin/master-key", key, null, Map.of("X-Forwarded-For", address));
    }
}
