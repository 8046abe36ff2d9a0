package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Stop the gateway and start it again on the same data directory: every balance, event and usage row is still there. */
class RestartKeepsStateTest {

    @Test
    void aRestartKeepsBalancesEventsAndUsage() throws Exception {
        Path data = Files.createTempDirectory("switchgear-restart");
        String account;
        String key;
        long balance;
        JsonNode events;
        try (ConfigurableApplicationContext first = GatewayClient.startOn(data)) {
            GatewayClient gateway = GatewayClient.of(first);
            account = gateway.openAccount("Durable", "enterprise");
            key = gateway.issueKey(account);
            gateway.grant(account, "3.5");
            for (int i = 0; i < 3; i++) {
                assertThat(gateway.post("/v1/chat/completions", key, GatewayEndToEndTest.HELLO).status()).isEqualTo(200);
            }
            balance = gateway.balance(key);
            events = gateway.events(account);
            awaitUsage(gateway, key, account, 3);
        }
        try (ConfigurableApplicationContext second = GatewayClient.startOn(data)) {
            GatewayClient gateway = GatewayClient.of(second);
            assertThat(gateway.balance(key)).isEqualTo(balance);
            assertThat(gateway.events(account)).isEqualTo(events);
            JsonNode usage = awaitUsage(gateway, key, account, 3);
            assertThat(usage.at("/totals/chargedMicroCredits").asLong()).isEqualTo(3_500_000 - balance);
            assertThat(gateway.post("/v1/chat/completions", key, GatewayEndToEndTest.HELLO).status()).isEqualTo(200);
            assertThat(gateway.events(account).size()).isEqualTo(events.size() + 1);
        }
    }

    private static JsonNode awaitUsage(GatewayClient gateway, String key, String account, int rows) throws Exception {
        for (int attempt = 0; attempt < 200; attempt++) {
            JsonNode usage = gateway.graphql(key, "{ usage(accountId: \"" + account + "\") { totals { requests "
                    + "chargedMicroCredits } } }").body().at("/data/usage");
            if (usage.at("/totals/requests").asLong() >= rows) {
                return usage;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("usage rows did not appear");
    }
}
