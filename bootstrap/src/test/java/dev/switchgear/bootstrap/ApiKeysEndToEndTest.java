package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Self-service gateway API keys over real HTTP on embedded PostgreSQL (ADR 0016): a key is created
 * and shown once, works at once, is listed masked with its last use (written by the batch flush),
 * is refused at once when revoked or expired; another account's key is 404 and stays live; refused
 * requests change nothing; a key from before keys were events keeps working and its revocation is
 * recorded. Afterwards no key's text is in a stored event, a row or a log line (SQL and Axon at DEBUG).
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.dev.switchgear=TRACE", "logging.level.org.axonframework=DEBUG",
                "logging.level.org.jooq.tools.LoggerListener=DEBUG", "logging.level.org.springframework.web=DEBUG"})
class ApiKeysEndToEndTest {

    static final String CHAT = "{\"model\":\"sim-echo\",\"max_tokens\":8,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello, keys\"}]}";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "keys");
        registry.add("switchgear.keys.last-used-flush", () -> "200ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    private final List<String> seen = new ArrayList<>();

    private GatewayClient.Reply call(String method, String path, String bearer, String body, int expected) {
        GatewayClient gateway = new GatewayClient(port);
        var response = gateway.send(method, path, bearer, body, Map.of());
        boolean showsTheKey = method.equals("POST") && path.equals("/api/v1/keys") && expected == 201;
        if (!showsTheKey) {
            seen.add(response.body());
        }
        assertThat(response.statusCode()).as(method + " " + path + " → " + response.body()).isEqualTo(expected);
        try {
            JsonNode json = response.body().isEmpty() ? null
                    : new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
            return new GatewayClient.Reply(response.statusCode(), json, response);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void keysAreCreatedUsedListedRevokedAndExpireAndTheirTextIsStoredNowhere(CapturedOutput output) throws Exception {
        GatewayClient gateway = new GatewayClient(port);
        JdbcTemplate db = new JdbcTemplate(dataSource);
        String alice = gateway.openAccount("Alice", "starter");
        gateway.grant(alice, "100");
        String aliceAdminIssued = gateway.issueKey(alice);
        String bob = gateway.openAccount("Bob", "starter");
        String bobKey = gateway.issueKey(bob);

        // Created and shown once; it works the moment the answer arrives.
        JsonNode created = call("POST", "/api/v1/keys", aliceAdminIssued,
                "{\"name\":\"ci runner\",\"expires_in_days\":30}", 201).body();
        String key = created.path("key").asText();
        String keyId = created.path("id").asText();
        assertThat(key).startsWith("sg-").hasSize(46);
        assertThat(created.path("masked").asText()).isEqualTo(key.substring(0, 7) + "…");
        assertThat(created.path("name").asText()).isEqualTo("ci runner");
        assertThat(Instant.parse(created.path("expires_at").asText()))
                .isEqualTo(Instant.parse(created.path("created_at").asText()).plus(java.time.Duration.ofDays(30)));
        call("POST", "/v1/chat/completions", key, CHAT, 200);

        // Listed masked, never with the key; its last use is written by the batch flush.
        JsonNode listed = call("GET", "/api/v1/keys", key, null, 200).body().path("data");
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).path("id").asText()).isEqualTo(keyId);
        assertThat(listed.get(0).has("key")).isFalse();
        assertThat(listed.toString()).doesNotContain(key.substring(3));
        Instant usedAt = null;
        for (int i = 0; i < 50 && usedAt == null; i++) {
            Thread.sleep(100);
            java.sql.Timestamp at = db.queryForObject("select last_used_at from api_key where key_id = ?",
                    java.sql.Timestamp.class, keyId);
            usedAt = at == null ? null : at.toInstant();
        }
        assertThat(usedAt).as("last use flushed to api_key").isNotNull();
        assertThat(call("GET", "/api/v1/keys", key, null, 200).body().path("data").get(0).path("last_used_at")
                .asText()).isNotEmpty();

        // Another account's key id is not found, and nothing is revoked.
        long aliceEvents = keyEvents(gateway, alice);
        JsonNode notFound = call("DELETE", "/api/v1/keys/" + keyId, bobKey, null, 404).body();
        assertThat(notFound.path("error").path("code").asText()).isEqualTo("api_key_not_found");
        call("DELETE", "/api/v1/keys/" + UUID.randomUUID(), key, null, 404);
        call("DELETE", "/api/v1/admin/accounts/" + bob + "/api-keys/" + keyId, GatewayClient.ADMIN_KEY, null, 404);
        call("POST", "/v1/chat/completions", key, CHAT, 200);
        assertThat(keyEvents(gateway, alice)).isEqualTo(aliceEvents);

        // Refused requests: no credentials, the admin key (no account), bad bodies — nothing created.
        int rows = db.queryForObject("select count(*) from api_key", Integer.class);
        call("POST", "/api/v1/keys", null, "{}", 401);
        call("GET", "/api/v1/keys", null, null, 401);
        call("DELETE", "/api/v1/keys/" + keyId, null, null, 401);
        call("POST", "/api/v1/keys", "sg-" + "x".repeat(43), "{}", 401);
        JsonNode adminRefused = call("POST", "/api/v1/keys", GatewayClient.ADMIN_KEY, "{}", 403).body();
        assertThat(adminRefused.path("error").path("message").asText()).contains("/api/v1/admin/accounts");
        for (String bad : List.of("{\"nmae\":\"x\"}", "{\"name\":42}", "{\"expires_in_days\":0}",
                "{\"expires_in_days\":3651}", "{\"expires_at\":\"2000-01-01T00:00:00Z\"}",
                "{\"expires_at\":\"next week\"}", "{\"name\":\"" + "n".repeat(101) + "\"}", "{\"name\":\"\"}",
                "not json", "[1]")) {
            JsonNode refused = call("POST", "/api/v1/keys", key, bad, 400).body();
            assertThat(refused.path("error").path("type").asText()).as(bad).isEqualTo("invalid_request_error");
        }
        assertThat(db.queryForObject("select count(*) from api_key", Integer.class)).isEqualTo(rows);
        assertThat(keyEvents(gateway, alice)).isEqualTo(aliceEvents);

        // The administrator sees and revokes any account's keys.
        JsonNode second = call("POST", "/api/v1/keys", key, null, 201).body();
        assertThat(call("GET", "/api/v1/admin/accounts/" + alice + "/api-keys", GatewayClient.ADMIN_KEY, null, 200)
                .body().path("data")).hasSize(3);
        call("DELETE", "/api/v1/admin/accounts/" + alice + "/api-keys/" + second.path("id").asText(),
                GatewayClient.ADMIN_KEY, null, 204);
        call("GET", "/v1/models", second.path("key").asText(), null, 401);

        // Revoked: the very next call is refused, the list no longer shows it, the events say so.
        call("DELETE", "/api/v1/keys/" + keyId, aliceAdminIssued, null, 204);
        call("POST", "/v1/chat/completions", key, CHAT, 401);
        call("DELETE", "/api/v1/keys/" + keyId, aliceAdminIssued, null, 404);
        assertThat(call("GET", "/api/v1/keys", aliceAdminIssued, null, 200).body().path("data").toString())
                .doesNotContain(keyId);
        assertThat(gateway.events(alice).toString()).contains("ApiKeyIssued", "ApiKeyRevoked");

        // Expired: works until its time, refused from then on.
        Instant expiry = Instant.now().plusSeconds(2);
        JsonNode shortLived = call("POST", "/api/v1/keys", aliceAdminIssued,
                "{\"expires_at\":\"" + expiry + "\"}", 201).body();
        String shortKey = shortLived.path("key").asText();
        call("GET", "/v1/models", shortKey, null, 200);
        Thread.sleep(Math.max(0, expiry.toEpochMilli() - System.currentTimeMillis()) + 50);
        call("GET", "/v1/models", shortKey, null, 401);
        assertThat(call("GET", "/api/v1/keys", aliceAdminIssued, null, 200).body().path("data").toString())
                .contains("\"expired\":true");

        // A key stored before keys were events keeps working; revoking it records its issue and revocation.
        String legacyKey = "sg-" + "Legacy" + UUID.randomUUID().toString().replace("-", "") + "abcde";
        String legacyId = UUID.randomUUID().toString();
        db.update("insert into api_key (key_id, key_hash, prefix, account_id, created_at) values (?, ?, ?, ?::uuid, now())",
                legacyId, sha256(legacyKey), legacyKey.substring(0, 7), bob);
        call("GET", "/v1/models", legacyKey, null, 200);
        call("DELETE", "/api/v1/keys/" + legacyId, legacyKey, null, 204);
        call("GET", "/v1/models", legacyKey, null, 401);
        assertThat(gateway.events(bob).toString()).contains(legacyId).contains("ApiKeyRevoked");

        // Now no key's text anywhere: stored events, rows, answers, log lines.
        List<String> keys = List.of(key, second.path("key").asText(), shortKey, aliceAdminIssued, bobKey, legacyKey);
        String everything = dump(db) + "\n" + String.join("\n", seen) + "\n" + output.getAll();
        for (String canary : keys) {
            String base64 = Base64.getEncoder().encodeToString(canary.getBytes(StandardCharsets.UTF_8));
            assertThat(everything).doesNotContain(canary.substring(3)).doesNotContain(canary.substring(7, 30))
                    .doesNotContain(base64.substring(0, 24));
        }
        assertThat(output.getAll()).contains("DEBUG");
        assertThat(dump(db)).contains("ApiKeyIssued", "ApiKeyRevoked");
    }

    /** How many of the account's events are about its API keys. */
    private static long keyEvents(GatewayClient gateway, String account) {
        long count = 0;
        for (JsonNode event : gateway.events(account)) {
            count += event.path("type").asText().contains("ApiKey") ? 1 : 0;
        }
        return count;
    }

    /** Every stored event's payload and every api_key row, as text. */
    private static String dump(JdbcTemplate db) {
        StringBuilder all = new StringBuilder();
        for (Map<String, Object> event : db.queryForList("select payloadtype, payload from domainevententry")) {
            all.append(event.get("payloadtype")).append(' ')
                    .append(new String((byte[]) event.get("payload"), StandardCharsets.UTF_8)).append('\n');
        }
        db.queryForList("select row_to_json(k)::text from api_key k", String.class).forEach(r -> all.append(r).append('\n'));
        return all.toString();
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
