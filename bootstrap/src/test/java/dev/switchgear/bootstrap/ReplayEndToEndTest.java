package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Charges you can replay, over HTTP (issue #11): a retry with the same {@code X-Request-Id} or
 * {@code Idempotency-Key} gets the answer that was paid for — also after the gateway restarted —
 * never a second charge; concurrent copies are charged once; every answer, streamed or not, names
 * its request id.
 */
class ReplayEndToEndTest {

    private static final String STREAM = "{\"model\":\"sim-echo\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Stream me back.\"}]}";

    private static HttpResponse<String> chat(GatewayClient gateway, String key, String body, Map<String, String> headers) {
        return gateway.send("POST", "/v1/chat/completions", key, body, headers);
    }

    @Test
    void aRetriedRequestGetsItsPaidForAnswerEvenAfterARestart() throws Exception {
        Path data = Files.createTempDirectory("switchgear-replay");
        String key;
        String plain;
        String streamed;
        long balance;
        try (ConfigurableApplicationContext first = GatewayClient.startOn(data)) {
            GatewayClient gateway = GatewayClient.of(first);
            String account = gateway.openAccount("Retrier", "starter");
            key = gateway.issueKey(account);
            gateway.grant(account, "5");
            HttpResponse<String> answer = chat(gateway, key, GatewayEndToEndTest.HELLO, Map.of("X-Request-Id", "retry-1"));
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("X-Request-Id")).contains("retry-1");
            plain = answer.body();
            HttpResponse<String> stream = chat(gateway, key, STREAM, Map.of("Idempotency-Key", "retry-s"));
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("X-Request-Id")).contains("retry-s");
            assertThat(stream.body()).contains("data: [DONE]");
            streamed = stream.body();
            balance = gateway.balance(key);

            HttpResponse<String> again = chat(gateway, key, GatewayEndToEndTest.HELLO, Map.of("X-Request-Id", "retry-1"));
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(plain);
            assertThat(again.headers().firstValue("X-Switchgear-Replayed")).contains("true");
            assertThat(gateway.balance(key)).isEqualTo(balance);
        }
        try (ConfigurableApplicationContext second = GatewayClient.startOn(data)) {
            GatewayClient gateway = GatewayClient.of(second);
            HttpResponse<String> plainAgain = chat(gateway, key, GatewayEndToEndTest.HELLO,
                    Map.of("Idempotency-Key", "retry-1"));
            assertThat(plainAgain.statusCode()).isEqualTo(200);
            assertThat(plainAgain.body()).isEqualTo(plain);
            HttpResponse<String> streamAgain = chat(gateway, key, STREAM, Map.of("X-Request-Id", "retry-s"));
            assertThat(streamAgain.statusCode()).isEqualTo(200);
            assertThat(streamAgain.body()).isEqualTo(streamed);
            assertThat(streamAgain.headers().firstValue("X-Switchgear-Replayed")).contains("true");
            assertThat(gateway.balance(key)).isEqualTo(balance);

            // more charges than an account remembers in memory (ADR 0032): the old ids are the store's to refuse
            String madeHere = null;
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> other = chat(gateway, key, GatewayEndToEndTest.HELLO, Map.of());
                assertThat(other.statusCode()).isEqualTo(200);
                madeHere = madeHere != null ? madeHere : other.headers().firstValue("X-Request-Id").orElseThrow();
            }
            balance = gateway.balance(key);
            HttpResponse<String> late = chat(gateway, key, GatewayEndToEndTest.HELLO, Map.of("X-Request-Id", "retry-1"));
            assertThat(late.statusCode()).isEqualTo(200);
            assertThat(late.body()).isEqualTo(plain);
            assertThat(late.headers().firstValue("X-Switchgear-Replayed")).contains("true");
            HttpResponse<String> sentBack = chat(gateway, key, GatewayEndToEndTest.HELLO, Map.of("X-Request-Id", madeHere));
            assertThat(sentBack.statusCode()).as("an id the gateway made, sent back").isEqualTo(409);
            assertThat(sentBack.body()).contains("request_already_charged");
            assertThat(gateway.balance(key)).isEqualTo(balance);

            HttpResponse<String> reused = chat(gateway, key, STREAM, Map.of("X-Request-Id", "retry-1"));
            assertThat(reused.statusCode()).isEqualTo(409);
            assertThat(reused.body()).contains("request_id_reused");
            HttpResponse<String> conflicting = chat(gateway, key, GatewayEndToEndTest.HELLO,
                    Map.of("X-Request-Id", "a", "Idempotency-Key", "b"));
            assertThat(conflicting.statusCode()).isEqualTo(400);
            assertThat(gateway.balance(key)).isEqualTo(balance);
        }
    }

    @Test
    void tenConcurrentCopiesAreChargedOnceAndEveryAnswerNamesItsRequest() throws Exception {
        Path data = Files.createTempDirectory("switchgear-replay-concurrent");
        try (ConfigurableApplicationContext context = GatewayClient.startOn(data)) {
            GatewayClient gateway = GatewayClient.of(context);
            String account = gateway.openAccount("Copies", "starter");
            String key = gateway.issueKey(account);
            gateway.grant(account, "5");
            long before = gateway.balance(key);
            ExecutorService pool = Executors.newFixedThreadPool(10);
            List<Future<HttpResponse<String>>> copies = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Callable<HttpResponse<String>> copy = () -> chat(gateway, key, GatewayEndToEndTest.HELLO,
                        Map.of("Idempotency-Key", "copy-1"));
                copies.add(pool.submit(copy));
            }
            int ok = 0;
            int inProgress = 0;
            for (Future<HttpResponse<String>> copy : copies) {
                HttpResponse<String> response = copy.get();
                if (response.statusCode() == 200) {
                    ok++;
                } else {
                    assertThat(response.statusCode()).isEqualTo(409);
                    assertThat(response.body()).contains("request_in_progress");
                    inProgress++;
                }
            }
            pool.shutdown();
            assertThat(ok + inProgress).isEqualTo(10);
            assertThat(ok).isPositive();
            long charged = before - gateway.balance(key);
            HttpResponse<String> one = chat(gateway, key, GatewayEndToEndTest.HELLO, Map.of("Idempotency-Key", "copy-1"));
            assertThat(one.headers().firstValue("X-Switchgear-Replayed")).contains("true");
            int usageEvents = 0;
            for (var event : gateway.events(account)) {
                usageEvents += event.path("type").asText().equals("UsageCharged") ? 1 : 0;
            }
            assertThat(usageEvents).as("charged once").isEqualTo(1);
            assertThat(charged).isPositive();

            HttpResponse<String> unnamed = chat(gateway, key, STREAM, Map.of());
            assertThat(unnamed.headers().firstValue("X-Request-Id")).hasValueSatisfying(
                    id -> assertThat(id).startsWith("chatcmpl-"));
        }
    }
}
