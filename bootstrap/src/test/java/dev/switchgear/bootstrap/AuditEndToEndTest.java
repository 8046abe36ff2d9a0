package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The audit log over real HTTP (issue #12, ADR 0018): audited changes made by the administrator and
 * by an account, each with its own User-Agent, are listed by {@code GET /api/v1/audit} with who, what,
 * when and from where; the administrator sees everything, an account only its own; filters and
 * paging; the origin travels as metadata onto the stored events; and neither a BYOK key nor an
 * account key appears in any entry or row.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CANARY = "sk-" + "auditCanary" + UUID.randomUUID().toString().replace("-", "") + "Qq7";
    private static final String ADMIN_AGENT = "audit-admin-console/2.1";
    private static final String ACCOUNT_AGENT = "acme-billing-bot/0.9 (+https://acme.example)";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "audit");
    }

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    private final List<String> responses = new ArrayList<>();

    @Test
    void auditedChangesAreListedWithWhoWhatWhenAndFromWhereAndNoSecret() throws Exception {
        GatewayClient gateway = new GatewayClient(port);
        String alice = call(gateway, "POST", "/api/v1/admin/accounts", GatewayClient.ADMIN_KEY, ADMIN_AGENT,
                "{\"name\":\"Alice\",\"tier\":\"starter\"}", 201).get("accountId").asText();
        String aliceKey = gateway.issueKey(alice);
        String bob = gateway.openAccount("Bob", "starter");
        String bobKey = gateway.issueKey(bob);
        call(gateway, "POST", "/api/v1/admin/accounts/" + alice + "/credits", GatewayClient.ADMIN_KEY, ADMIN_AGENT,
                "{\"credits\":25,\"reason\":\"welcome\"}", 200);
        call(gateway, "PUT", "/api/v1/llm/users/" + alice + "/power-level", aliceKey, ACCOUNT_AGENT,
                "{\"power_level\":\"eco\"}", 200);
        call(gateway, "POST", "/api/v1/byok/keys/add", aliceKey, ACCOUNT_AGENT,
                "{\"provider\":\"openai\",\"api_key\":\"" + CANARY + "\",\"label\":\"work\"}", 201);
        call(gateway, "DELETE", "/api/v1/byok/keys/openai", aliceKey, ACCOUNT_AGENT, null, 200);
        call(gateway, "PUT", "/api/v1/llm/credits/cap", aliceKey, ACCOUNT_AGENT, "{\"monthly_cap\":500}", 200);
        call(gateway, "PUT", "/api/v1/llm/credits/cap", bobKey, "bob-agent/1", "{\"monthly_cap\":7}", 200);
        call(gateway, "POST", "/api/v1/admin/master-key/rotate", GatewayClient.ADMIN_KEY, ADMIN_AGENT, null, 200);

        // The audit processor runs behind the commands: wait for the last of Alice's and the rotation.
        List<JsonNode> all = awaitEntries(gateway, GatewayClient.ADMIN_KEY, "?limit=200", entries ->
                has(entries, "master_key.rotated", null) && has(entries, "monthly_cap.set", alice)
                        && has(entries, "monthly_cap.set", bob) && has(entries, "provider_key.removed", alice));

        JsonNode granted = only(all, "credits.granted", alice);
        assertThat(granted.path("actor").asText()).isEqualTo("admin");
        assertThat(granted.path("actor_role").asText()).isEqualTo("admin");
        assertThat(granted.path("client_address").asText()).isEqualTo("127.0.0.1");
        assertThat(granted.path("user_agent").asText()).isEqualTo(ADMIN_AGENT);
        assertThat(granted.path("details").path("credits").asText()).isEqualTo("25");
        assertThat(granted.path("details").path("reason").asText()).isEqualTo("welcome");
        assertThat(granted.path("at").asText()).endsWith("Z");
        assertThat(only(all, "account.opened", alice).path("user_agent").asText()).isEqualTo(ADMIN_AGENT);

        JsonNode level = only(all, "power_level.changed", alice);
        String aliceActor = level.path("actor").asText();
        assertThat(aliceActor).satisfiesAnyOf(a -> assertThat(a).isEqualTo("account:" + alice),
                a -> assertThat(a).startsWith("key:"));
        assertThat(level.path("actor_role").asText()).isEqualTo("user");
        assertThat(level.path("client_address").asText()).isEqualTo("127.0.0.1");
        assertThat(level.path("user_agent").asText()).isEqualTo(ACCOUNT_AGENT);
        assertThat(level.path("details").path("power_level").asText()).isEqualTo("eco");

        JsonNode added = only(all, "provider_key.added", alice);
        assertThat(added.path("target").asText()).startsWith("pk_");
        assertThat(added.path("details").path("masked_key").asText())
                .isEqualTo("sk-…" + CANARY.substring(CANARY.length() - 4));
        assertThat(only(all, "provider_key.removed", alice).path("target").asText()).isEqualTo(added.path("target")
                .asText());
        assertThat(only(all, "monthly_cap.set", alice).path("details").path("monthly_cap").asText()).isEqualTo("500");

        JsonNode rotated = only(all, "master_key.rotated", null);
        assertThat(rotated.path("account_id").isNull()).isTrue();
        assertThat(rotated.path("actor").asText()).isEqualTo("admin");
        assertThat(rotated.path("user_agent").asText()).isEqualTo(ADMIN_AGENT);
        assertThat(rotated.path("client_address").asText()).isEqualTo("127.0.0.1");
        assertThat(rotated.path("details").path("retired_versions").isArray()).isTrue();
        assertThat(only(all, "catalog.initialised", null).path("actor").asText()).isEqualTo("system");

        // Alice sees her own entries only, whatever she asks; naming Bob is a 404.
        List<JsonNode> own = entries(gateway, aliceKey, "?limit=200");
        assertThat(own).isNotEmpty().allSatisfy(e -> assertThat(e.path("account_id").asText()).isEqualTo(alice));
        assertThat(own).extracting(e -> e.path("action").asText()).contains("account.opened", "credits.granted",
                "power_level.changed", "provider_key.added", "provider_key.removed", "monthly_cap.set")
                .doesNotContain("master_key.rotated", "catalog.initialised");
        assertThat(gateway.send("GET", "/api/v1/audit?account=" + bob, aliceKey, null, Map.of()).statusCode())
                .isEqualTo(404);
        assertThat(entries(gateway, bobKey, "?limit=200")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.path("account_id").asText()).isEqualTo(bob));

        // Filters: action (one or several), account, actor, time range.
        assertThat(entries(gateway, GatewayClient.ADMIN_KEY, "?action=monthly_cap.set&limit=200"))
                .extracting(e -> e.path("account_id").asText()).contains(alice, bob)
                .allSatisfy(a -> assertThat(a).isIn(alice, bob));
        assertThat(entries(gateway, GatewayClient.ADMIN_KEY, "?action=monthly_cap.set&account=" + alice))
                .extracting(e -> e.path("account_id").asText()).containsExactly(alice);
        assertThat(entries(gateway, GatewayClient.ADMIN_KEY, "?account=" + alice + "&action=power_level.changed,"
                + "provider_key.added&actor=" + URLEncoder.encode(aliceActor, StandardCharsets.UTF_8)))
                .extracting(e -> e.path("action").asText())
                .containsExactlyInAnyOrder("power_level.changed", "provider_key.added");
        assertThat(entries(gateway, aliceKey, "?actor=admin")).extracting(e -> e.path("actor").asText())
                .isNotEmpty().containsOnly("admin");
        String grantedAt = granted.path("at").asText();
        assertThat(entries(gateway, aliceKey, "?to=" + grantedAt)).extracting(e -> e.path("at").asText())
                .allSatisfy(at -> assertThat(java.time.Instant.parse(at)).isBefore(java.time.Instant.parse(grantedAt)));
        assertThat(entries(gateway, aliceKey, "?from=" + grantedAt)).extracting(e -> e.path("id").asText())
                .contains(granted.path("id").asText(), level.path("id").asText());
        assertThat(entries(gateway, aliceKey, "?from=2999-01-01T00:00:00Z")).isEmpty();
        assertThat(gateway.send("GET", "/api/v1/audit?limit=500", aliceKey, null, Map.of()).body())
                .contains("\"param\":\"limit\"");

        // Paging: two at a time, following `next`, gives the whole list in the same order.
        List<String> paged = new ArrayList<>();
        String next = null;
        for (int i = 0; i < 50; i++) {
            JsonNode page = call(gateway, "GET", "/api/v1/audit?limit=2" + (next == null ? "" : "&cursor=" + next),
                    aliceKey, ACCOUNT_AGENT, null, 200);
            page.path("data").forEach(e -> paged.add(e.path("id").asText()));
            assertThat(page.path("data").size()).isLessThanOrEqualTo(2);
            if (page.path("next").isNull()) {
                break;
            }
            next = page.path("next").asText();
        }
        assertThat(paged).containsExactlyElementsOf(own.stream().map(e -> e.path("id").asText()).toList());

        // The origin travels as metadata onto the stored event itself.
        JdbcTemplate db = new JdbcTemplate(dataSource);
        String metadata = db.queryForList("select metadata from domainevententry where aggregateidentifier = ? "
                        + "and payloadtype like '%PowerLevelChosen'", byte[].class, alice).stream()
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).findFirst().orElseThrow();
        JsonNode stamped = JSON.readTree(metadata);
        assertThat(stamped.path("actor").asText()).isEqualTo(aliceActor);
        assertThat(stamped.path("actorRole").asText()).isEqualTo("user");
        assertThat(stamped.path("clientAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(stamped.path("userAgent").asText()).isEqualTo(ACCOUNT_AGENT);

        // Canary: neither the BYOK key nor an account key nor the admin key is in any entry or row.
        String rows = db.queryForList("select * from audit_entry").toString();
        assertThat(rows).contains(alice, ACCOUNT_AGENT);
        for (String secret : List.of(CANARY, aliceKey, bobKey, GatewayClient.ADMIN_KEY)) {
            assertThat(rows).doesNotContain(secret);
            assertThat(String.join("\n", responses)).doesNotContain(secret);
        }
    }

    private static boolean has(List<JsonNode> entries, String action, String account) {
        return entries.stream().anyMatch(e -> e.path("action").asText().equals(action)
                && (account == null ? e.path("account_id").isNull() : e.path("account_id").asText().equals(account)));
    }

    private static JsonNode only(List<JsonNode> entries, String action, String account) {
        List<JsonNode> found = entries.stream().filter(e -> e.path("action").asText().equals(action)
                && (account == null ? e.path("account_id").isNull() : e.path("account_id").asText().equals(account)))
                .toList();
        assertThat(found).as(action + " of " + account).hasSize(1);
        return found.get(0);
    }

    private List<JsonNode> awaitEntries(GatewayClient gateway, String key, String query, Predicate<List<JsonNode>> done)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<JsonNode> entries = entries(gateway, key, query);
        while (!done.test(entries) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            entries = entries(gateway, key, query);
        }
        assertThat(done.test(entries)).as("the audit entries arrived: " + entries).isTrue();
        return entries;
    }

    private List<JsonNode> entries(GatewayClient gateway, String key, String query) throws Exception {
        JsonNode page = call(gateway, "GET", "/api/v1/audit" + query, key, "audit-reader/1", null, 200);
        List<JsonNode> entries = new ArrayList<>();
        page.path("data").forEach(entries::add);
        return entries;
    }

    private JsonNode call(GatewayClient gateway, String method, String path, String key, String agent, String body,
                          int expected) throws Exception {
        HttpResponse<String> response = gateway.send(method, path, key, body, Map.of("User-Agent", agent));
        responses.add(response.body());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }
}
