package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchgear.adapter.persistence.readmodel.UsageProjection;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue #15's dashboard end to end (ADR 0024): the booted gateway on embedded PostgreSQL, real
 * completions through the simulator, the usage projection writing raw rows and rollups, and the
 * GraphQL and REST answers over them — figures checked against what the completions really
 * charged; one account never sees another's through any field, argument or alias; limits refuse
 * with a clear error; exports are CSV written as they are read; a request is explained as soon as
 * its answer is out, even while the usage projection is stopped.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnalyticsEndToEndTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "analytics");
        // A provider nobody listens for (port 1, below the ephemeral range): every attempt on it fails.
        registry.add("switchgear.providers.dead.base-url", () -> "http://127.0.0.1:1/v1");
        registry.add("switchgear.providers.dead.keyless", () -> "true");
    }

    @LocalServerPort
    int port;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    UsageProjection projection;

    @Autowired
    DSLContext db;

    @Autowired
    org.axonframework.common.transaction.TransactionManager axonTransactions;

    @Autowired
    org.axonframework.common.jdbc.ConnectionProvider axonConnections;

    GatewayClient gateway;

    @BeforeEach
    void setUp() {
        gateway = new GatewayClient(port);
    }

    @Test
    void theDashboardAnswersFromTheRollupsAndNeverShowsAnotherAccount() throws Exception {
        Person alice = person("Alice");
        Person bob = person("Bob");
        List<String> aliceRequests = new ArrayList<>();
        long aliceTokens = 0;
        for (int i = 0; i < 3; i++) {
            JsonNode answer = complete(alice, "=cmd-" + i + "-" + alice.account.substring(0, 8), "hello " + i);
            aliceRequests.add(answer.get("id").asText());
            aliceTokens += answer.at("/usage/total_tokens").asLong();
        }
        complete(bob, null, "bob's question");
        awaitProjected(alice.account, 3);
        awaitProjected(bob.account, 1);
        long aliceCost = gateway.graphql(alice.key, "{ usage(accountId: \"" + alice.account + "\") { totals { "
                + "requests chargedMicroCredits } } }").body().at("/data/usage/totals/chargedMicroCredits").asLong();
        String today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String range = "from: \"" + today + "\", to: \"" + tomorrow + "\"";

        JsonNode mine = gateway.graphql(alice.key, "{ series: usageSeries(" + range + ", bucket: DAY) { start requests "
                + "inputTokens outputTokens costMicroCredits byokRequests estimatedRequests failedRequests }"
                + " providers: usageBreakdown(" + range + ", by: PROVIDER) { key requests tokens share }"
                + " sources: usageBreakdown(" + range + ", by: KEY_SOURCE) { key requests }"
                + " tiers: usageBreakdown(" + range + ", by: TIER) { key requests }"
                + " levels: usageBreakdown(" + range + ", by: POWER_LEVEL) { key requests }"
                + " popular: modelPopularity(" + range + ", limit: 5) { key requests } }").body();
        assertThat(mine.path("errors").isMissingNode()).as(mine.toString()).isTrue();
        JsonNode day = mine.at("/data/series/0");
        assertThat(mine.at("/data/series")).hasSize(1);
        assertThat(day.get("start").asText()).isEqualTo(today);
        assertThat(day.get("requests").asLong()).isEqualTo(3);
        assertThat(day.get("inputTokens").asLong() + day.get("outputTokens").asLong()).isEqualTo(aliceTokens);
        assertThat(day.get("costMicroCredits").asLong()).isEqualTo(aliceCost).isPositive();
        assertThat(day.get("byokRequests").asLong()).isZero();
        assertThat(mine.at("/data/providers/0/key").asText()).isEqualTo("simulator");
        assertThat(mine.at("/data/providers/0/tokens").asLong()).isEqualTo(aliceTokens);
        assertThat(mine.at("/data/providers/0/share").asDouble()).isEqualTo(1.0);
        assertThat(mine.at("/data/sources/0/key").asText()).isEqualTo("platform");
        assertThat(mine.at("/data/tiers/0/key").asText()).isEqualTo("starter");
        assertThat(mine.at("/data/levels/0/key").asText()).isEqualTo("balanced");
        assertThat(mine.at("/data/popular/0/key").asText()).isEqualTo("sim-echo");
        assertThat(mine.at("/data/popular/0/requests").asLong()).isEqualTo(3);

        // Bob, through every field, argument and alias that could name Alice
        String peek = "{ a: usageSeries(accountId: \"" + alice.account + "\", " + range + ", bucket: HOUR) { requests }"
                + " b: usageBreakdown(accountId: \"" + alice.account + "\", " + range + ", by: MODEL) { key }"
                + " c: creditHistory(accountId: \"" + alice.account + "\") { edges { node { requestId } } }"
                + " d: explain(requestId: \"" + aliceRequests.get(0) + "\") { requestId }"
                + " e: auditTrail(filter: {accountId: \"" + alice.account + "\"}) { edges { node { id } } }"
                + " f: usageSeries(platformWide: true, " + range + ", bucket: DAY) { requests }"
                + " g: usageBreakdown(platformWide: true, " + range + ", by: PROVIDER) { key requests } }";
        GatewayClient.Reply bobs = gateway.graphql(bob.key, peek);
        assertThat(bobs.status()).isEqualTo(200);
        // the lists are non-null in the contract, so a refused one nulls the whole answer (GraphQL's rule)
        assertThat(bobs.body().get("data").isNull()).as(bobs.raw().body()).isTrue();
        assertThat(bobs.raw().body()).doesNotContain("Alice", aliceRequests.get(0), "=cmd-");
        GatewayClient.Reply explained = gateway.graphql(bob.key, "{ d: explain(requestId: \"" + aliceRequests.get(0)
                + "\") { requestId model } own: usageSeries(" + range + ", bucket: DAY) { requests } }");
        assertThat(explained.body().at("/data/d").isNull()).as(explained.raw().body()).isTrue();
        assertThat(explained.body().at("/data/own/0/requests").asLong()).isEqualTo(1);
        assertThat(explained.raw().body()).doesNotContain(aliceRequests.get(0));
        List<String> classifications = new ArrayList<>();
        bobs.body().path("errors").forEach(e -> classifications.add(e.at("/extensions/classification").asText()));
        assertThat(classifications).containsExactlyInAnyOrder("NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND",
                "FORBIDDEN", "FORBIDDEN");

        // the administrator: any account, or the platform
        JsonNode admin = gateway.graphql(GatewayClient.ADMIN_KEY, "{ all: usageSeries(" + range + ", bucket: DAY) "
                + "{ requests } alice: usageSeries(accountId: \"" + alice.account + "\", " + range + ", bucket: DAY) "
                + "{ requests } }").body();
        assertThat(admin.at("/data/all/0/requests").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(admin.at("/data/alice/0/requests").asLong()).isEqualTo(3);

        // REST twin
        GatewayClient.Reply overview = gateway.get("/api/v1/llm/usage?days=30", alice.key);
        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.body().get("daily")).hasSize(30);
        assertThat(overview.body().at("/daily/29/requests").asLong()).isEqualTo(3);
        assertThat(overview.body().at("/providers/0/key").asText()).isEqualTo("simulator");
        assertThat(overview.body().at("/key_sources/0/key").asText()).isEqualTo("platform");
        assertThat(overview.body().at("/power_levels/0/key").asText()).isEqualTo("balanced");
        assertThat(overview.body().at("/models/0/key").asText()).isEqualTo("sim-echo");
        assertThat(overview.body().at("/models/0/cost_micro_credits").asLong()).isEqualTo(aliceCost);
        GatewayClient.Reply badDays = gateway.get("/api/v1/llm/usage?days=0", alice.key);
        assertThat(badDays.status()).isEqualTo(400);
        assertThat(badDays.body().at("/error/param").asText()).isEqualTo("days");
        assertThat(gateway.get("/api/v1/llm/usage?account=" + alice.account, bob.key).status()).isEqualTo(404);
        assertThat(gateway.get("/api/v1/llm/usage", null).status()).isEqualTo(401);

        // CSV exports: every row, cells a spreadsheet would run as formulas neutralised, quotes doubled
        HttpResponse<String> csv = gateway.send("GET", "/api/v1/llm/usage/export?format=csv&from=" + today + "&to="
                + tomorrow, alice.key, null, Map.of());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("request_id,charged_at,model,provider");
        assertThat(lines[1]).startsWith("'=cmd-").contains(",sim-echo,simulator,");
        assertThat(gateway.send("GET", "/api/v1/llm/usage/export?format=xml", alice.key, null, Map.of()).statusCode())
                .isEqualTo(400);
        assertThat(gateway.send("GET", "/api/v1/llm/usage/export?account=" + alice.account, bob.key, null, Map.of())
                .statusCode()).isEqualTo(404);
        GatewayClient.Reply granted = gateway.post("/api/v1/admin/accounts/" + alice.account + "/credits",
                GatewayClient.ADMIN_KEY, "{\"credits\":1,\"reason\":\"=HYPERLINK(\\\"x\\\"), a \\\"gift\\\"\"}");
        assertThat(granted.status()).as(granted.raw().body()).isEqualTo(200);
        HttpResponse<String> history = gateway.send("GET", "/api/v1/llm/credits/history/export?format=csv",
                alice.key, null, Map.of());
        assertThat(history.statusCode()).isEqualTo(200);
        String[] rows = history.body().split("\r\n");
        assertThat(rows[0]).isEqualTo("sequence,at,type,amount,amount_micro_credits,balance_after,request_id,model,reason");
        assertThat(rows).filteredOn(r -> r.contains(",usage,")).hasSize(3);
        assertThat(rows[rows.length - 1]).contains(",grant,1.000000,1000000,")
                .endsWith(",,,\"'=HYPERLINK(\"\"x\"\"), a \"\"gift\"\"\"");
        assertThat(gateway.send("GET", "/api/v1/llm/credits/history/export?account=" + alice.account, bob.key, null,
                Map.of()).statusCode()).isEqualTo(404);

        // credit history and audit trail, page by page
        JsonNode first = gateway.graphql(alice.key, "{ creditHistory(first: 2) { edges { cursor node { type "
                + "amountMicroCredits requestId } } pageInfo { hasNextPage endCursor } } }").body();
        assertThat(first.at("/data/creditHistory/edges")).hasSize(2);
        assertThat(first.at("/data/creditHistory/edges/0/node/type").asText()).isEqualTo("grant");
        assertThat(first.at("/data/creditHistory/pageInfo/hasNextPage").asBoolean()).isTrue();
        JsonNode next = gateway.graphql(alice.key, "{ creditHistory(first: 10, after: \""
                + first.at("/data/creditHistory/pageInfo/endCursor").asText() + "\") { edges { node { type } } "
                + "pageInfo { hasNextPage hasPreviousPage } } }").body();
        List<String> types = new ArrayList<>();
        next.at("/data/creditHistory/edges").forEach(e -> types.add(e.at("/node/type").asText()));
        assertThat(types).containsExactly("usage", "usage", "grant");
        assertThat(next.at("/data/creditHistory/pageInfo/hasNextPage").asBoolean()).isFalse();
        JsonNode audit = gateway.graphql(alice.key, "{ auditTrail(first: 1) { edges { cursor node { accountId action } }"
                + " pageInfo { hasNextPage endCursor } } }").body();
        assertThat(audit.at("/data/auditTrail/edges/0/node/accountId").asText()).isEqualTo(alice.account);
    }

    /**
     * The usage projection's writes commit with its token: the processor's transaction (Axon's
     * transaction manager) is the one jOOQ's statements and the token store's connection run in.
     */
    @Test
    void theProjectionsJooqWritesShareTheTransactionOfTheTokenStore() {
        long[] ids = new long[2];
        axonTransactions.executeInTransaction(() -> {
            ids[0] = db.fetchOne("select txid_current()").get(0, Long.class);
            try (java.sql.Connection connection = axonConnections.getConnection();
                 java.sql.ResultSet result = connection.createStatement().executeQuery("select txid_current()")) {
                result.next();
                ids[1] = result.getLong(1);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(ids[0]).isEqualTo(ids[1]);
        assertThat(processing.eventProcessor(UsageProjection.PROCESSING_GROUP).orElseThrow())
                .isInstanceOf(org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor.class);
    }

    @Test
    void aRequestIsExplainedAsSoonAsItsAnswerIsOutEvenWithTheProjectionStopped() throws Exception {
        Person carol = person("Carol");
        EventProcessor usage = processing.eventProcessor(UsageProjection.PROCESSING_GROUP).orElseThrow();
        usage.shutDown();
        try {
            JsonNode answer = complete(carol, "explain-now-" + carol.account.substring(0, 8), "why?");
            String id = answer.get("id").asText();
            GatewayClient.Reply rest = gateway.get("/api/v1/llm/requests/" + id + "/explain", carol.key);
            assertThat(rest.status()).as(rest.raw().body()).isEqualTo(200);
            assertThat(rest.body().get("model").asText()).isEqualTo("sim-echo");
            JsonNode graph = gateway.graphql(carol.key, "{ explain(requestId: \"" + id + "\") { requestId model "
                    + "powerLevel candidates attempts { outcome } } }").body();
            assertThat(graph.at("/data/explain/model").asText()).isEqualTo("sim-echo");
            assertThat(graph.at("/data/explain/attempts/0/outcome").asText()).isEqualTo("ok");
            assertThat(db.fetchValue("select count(*) from usage_row where request_id = ?", id)).isEqualTo(0L);
            Person dave = person("Dave");
            assertThat(gateway.get("/api/v1/llm/requests/" + id + "/explain", dave.key).status()).isEqualTo(404);
            assertThat(gateway.graphql(dave.key, "{ explain(requestId: \"" + id + "\") { model } }").body()
                    .at("/data/explain").isNull()).isTrue();
        } finally {
            usage.start();
        }
        awaitProjected(carol.account, 1);
    }

    @Test
    void theCatalogIsSearchedSortedAndPagedWithWhatTheCallerMayUse() {
        Person erin = person("Erin");
        complete(erin, null, "warm the simulator's health");
        JsonNode page1 = gateway.graphql(erin.key, "{ models(sort: COST, first: 5) { totalCount edges { cursor node "
                + "{ id provider inputPer1k availableToMe } } pageInfo { hasNextPage endCursor } } }").body();
        int total = page1.at("/data/models/totalCount").asInt();
        assertThat(total).isGreaterThan(10);
        assertThat(page1.at("/data/models/edges")).hasSize(5);
        JsonNode page2 = gateway.graphql(erin.key, "{ models(sort: COST, first: 5, after: \""
                + page1.at("/data/models/pageInfo/endCursor").asText() + "\") { edges { node { id } } pageInfo { "
                + "hasPreviousPage } } }").body();
        Set<String> ids = new HashSet<>();
        page1.at("/data/models/edges").forEach(e -> ids.add(e.at("/node/id").asText()));
        page2.at("/data/models/edges").forEach(e -> assertThat(ids.add(e.at("/node/id").asText())).isTrue());
        assertThat(page2.at("/data/models/pageInfo/hasPreviousPage").asBoolean()).isTrue();

        JsonNode sim = gateway.graphql(erin.key, "{ models(filter: {text: \"SIM-ECHO\"}) { totalCount edges { node { "
                + "id provider availableToMe latencyP50Ms successRate } } } providers { id connected health { status "
                + "samples } } }").body();
        assertThat(sim.at("/data/models/totalCount").asInt()).isEqualTo(1);
        assertThat(sim.at("/data/models/edges/0/node/availableToMe").asBoolean()).isTrue();
        assertThat(sim.at("/data/models/edges/0/node/successRate").asDouble()).isEqualTo(1.0);
        assertThat(sim.at("/data/models/edges/0/node/latencyP50Ms").isNumber()).as(sim.toString()).isTrue();
        // the figures are the model's: the simulator's embeddings model, never called, has none of sim-echo's
        JsonNode embed = gateway.graphql(erin.key, "{ models(filter: {text: \"sim-embed\"}) { edges { node { id "
                + "latencyP50Ms latencyP95Ms successRate } } } }").body();
        assertThat(embed.at("/data/models/edges/0/node/id").asText()).isEqualTo("sim-embed");
        assertThat(embed.at("/data/models/edges/0/node/latencyP50Ms").isNull()).as(embed.toString()).isTrue();
        assertThat(embed.at("/data/models/edges/0/node/successRate").isNull()).isTrue();
        JsonNode enterprise = gateway.graphql(erin.key, "{ models(filter: {tier: \"enterprise\", provider: \"openai\"},"
                + " first: 100) { edges { node { minTier availableToMe } } } }").body();
        enterprise.at("/data/models/edges").forEach(e -> assertThat(e.at("/node/availableToMe").asBoolean())
                .as("no OpenAI key is connected here").isFalse());
        List<String> providers = new ArrayList<>();
        sim.at("/data/providers").forEach(p -> providers.add(p.get("id").asText()));
        assertThat(providers).contains("simulator");

        GatewayClient.Reply rest = gateway.get("/api/v1/llm/catalog/models?q=sim-echo&sort=popularity&limit=3",
                erin.key);
        assertThat(rest.status()).isEqualTo(200);
        assertThat(rest.body().at("/models/0/id").asText()).isEqualTo("sim-echo");
        assertThat(rest.body().at("/models/0/available_to_me").asBoolean()).isTrue();
        assertThat(rest.body().get("total").asInt()).isEqualTo(1);
        long simPrice = rest.body().at("/models/0/input_per_1k").asLong() + rest.body().at("/models/0/output_per_1k")
                .asLong();
        GatewayClient.Reply cheap = gateway.get("/api/v1/llm/catalog/models?limit=100&max_price_per_1k="
                + java.math.BigDecimal.valueOf(simPrice, 6).toPlainString(), erin.key);
        List<String> cheapIds = new ArrayList<>();
        cheap.body().get("models").forEach(m -> {
            cheapIds.add(m.get("id").asText());
            assertThat(m.get("input_per_1k").asLong() + m.get("output_per_1k").asLong()).isLessThanOrEqualTo(simPrice);
        });
        assertThat(cheapIds).contains("sim-echo");
        GatewayClient.Reply bad = gateway.get("/api/v1/llm/catalog/models?sort=fame", erin.key);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().at("/error/param").asText()).isEqualTo("sort");
        assertThat(gateway.get("/api/v1/llm/catalog/models", erin.key).body().has("catalog_version")).isTrue();
    }

    @Test
    void graphiQlsPageIsServedWithoutAKeyButItsQueriesNeedOne() {
        HttpResponse<String> page = gateway.send("GET", "/graphiql?path=/graphql", null, null, Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("graphiql");
        assertThat(gateway.graphql(null, "{ providers { id } }").status()).isEqualTo(401);
        assertThat(gateway.send("POST", "/graphiql", null, "{}", Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void queriesOverTheComplexityLimitAreRefusedWithAClearError() {
        Person frank = person("Frank");
        String fields = "{ edges { cursor node { id at accountId actor actorRole action target details clientAddress "
                + "userAgent } } }";
        JsonNode big = gateway.graphql(frank.key, "{ auditTrail(first: 200) " + fields + " }").body();
        assertThat(big.has("data") && !big.get("data").isNull()).isFalse();
        assertThat(big.at("/errors/0/message").asText()).contains("complexity", "smaller pages");
        JsonNode small = gateway.graphql(frank.key, "{ auditTrail(first: 20) " + fields + " }").body();
        assertThat(small.path("errors").isMissingNode()).as(small.toString()).isTrue();
        JsonNode deep = gateway.graphql(frank.key, "{ __schema { types { fields { type { ofType { ofType { ofType { "
                + "ofType { name } } } } } } } } }").body();
        assertThat(deep.at("/errors/0/message").asText()).contains("depth", "at most 8");
    }

    @Test
    void aLargeExportIsStreamedAsItIsRead() throws Exception {
        Person grace = person("Grace");
        AccountId account = new AccountId(grace.account);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        int total = 20_000;
        for (int batch = 0; batch < total / 1_000; batch++) {
            List<UsageCharged> charges = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                int n = batch * 1_000 + i;
                charges.add(new UsageCharged(account, new RequestId("bulk-" + n), "sim-echo", "simulator", 10, 10,
                        false, 0, 0, MicroCredits.of(1), MicroCredits.of(1), MicroCredits.ZERO, MicroCredits.ZERO,
                        start.plusSeconds(n)));
            }
            projection.project(charges);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/v1/llm/usage/export?from="
                + start + "&to=2026-02-01T00:00:00Z")).header("Authorization", "Bearer " + grace.key).GET().build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).as("not buffered to be measured").isEmpty();
        assertThat(response.headers().firstValue("Transfer-Encoding")).contains("chunked");
        long lines = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).startsWith("request_id,");
            assertThat(reader.readLine()).startsWith("bulk-0,2026-01-01T00:00:00Z,sim-echo,simulator,10,10,");
            while (reader.readLine() != null) {
                lines++;
            }
        }
        assertThat(lines).isEqualTo(total - 1);
    }

    @Test
    void theBreakdownByApiKeyShowsEachKeyOfTheAccountAndNoOtherAccountsKeys() throws Exception {
        Person carol = person("Carol");
        Person dave = person("Dave");
        GatewayClient.Reply made = gateway.post("/api/v1/keys", carol.key, "{\"name\":\"ci\"}");
        assertThat(made.status()).as(made.raw().body()).isEqualTo(201);
        String ciKeyId = made.body().path("id").asText();
        Person carolCi = new Person(carol.account, made.body().path("key").asText());
        String firstKeyId = null;
        for (JsonNode listed : gateway.get("/api/v1/keys", carol.key).body().path("data")) {
            if (!listed.path("id").asText().equals(ciKeyId)) {
                firstKeyId = listed.path("id").asText();
            }
        }
        assertThat(firstKeyId).isNotNull().isNotEqualTo(ciKeyId);
        for (int i = 0; i < 3; i++) {
            complete(carol, null, "first key " + i);
        }
        for (int i = 0; i < 2; i++) {
            complete(carolCi, null, "ci key " + i + " with a longer question");
        }
        complete(dave, null, "dave's question");
        awaitProjected(carol.account, 5);
        awaitProjected(dave.account, 1);

        // what each key's charges really were, from the account's events (the charge records the key id)
        Map<String, long[]> expected = new java.util.TreeMap<>();
        for (JsonNode event : gateway.events(carol.account)) {
            if ("UsageCharged".equals(event.path("type").asText())) {
                JsonNode charge = event.path("payload");
                long[] sums = expected.computeIfAbsent(charge.path("apiKeyId").asText(), k -> new long[3]);
                sums[0]++;
                sums[1] += charge.path("inputTokens").asLong() + charge.path("outputTokens").asLong();
                sums[2] += charge.path("cost").asLong();
            }
        }
        assertThat(expected.keySet()).containsExactlyInAnyOrder(firstKeyId, ciKeyId);
        assertThat(gateway.events(carol.account).toString()).doesNotContain(carol.key, carolCi.key);

        String today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String range = "from: \"" + today + "\", to: \"" + tomorrow + "\"";
        JsonNode byKey = gateway.graphql(carol.key, "{ usageBreakdown(" + range + ", by: API_KEY) "
                + "{ key requests tokens costMicroCredits share } }").body();
        assertThat(byKey.path("errors").isMissingNode()).as(byKey.toString()).isTrue();
        JsonNode slices = byKey.at("/data/usageBreakdown");
        assertThat(slices).hasSize(2);
        assertThat(slices.get(0).path("key").asText()).isEqualTo(firstKeyId);
        assertThat(slices.get(1).path("key").asText()).isEqualTo(ciKeyId);
        for (JsonNode slice : slices) {
            long[] sums = expected.get(slice.path("key").asText());
            assertThat(slice.path("requests").asLong()).isEqualTo(sums[0]);
            assertThat(slice.path("tokens").asLong()).isEqualTo(sums[1]).isPositive();
            assertThat(slice.path("costMicroCredits").asLong()).isEqualTo(sums[2]).isPositive();
        }
        assertThat(slices.get(0).path("requests").asLong()).isEqualTo(3);
        assertThat(slices.get(1).path("requests").asLong()).isEqualTo(2);
        assertThat(slices.get(0).path("share").asDouble() + slices.get(1).path("share").asDouble())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));

        // Dave sees only his own key; he cannot ask for Carol's
        JsonNode daves = gateway.graphql(dave.key, "{ usageBreakdown(" + range + ", by: API_KEY) { key requests } }")
                .body();
        assertThat(daves.at("/data/usageBreakdown")).hasSize(1);
        assertThat(daves.at("/data/usageBreakdown/0/requests").asLong()).isEqualTo(1);
        assertThat(daves.toString()).doesNotContain(firstKeyId, ciKeyId);
        GatewayClient.Reply peek = gateway.graphql(dave.key, "{ usageBreakdown(accountId: \"" + carol.account + "\", "
                + range + ", by: API_KEY) { key } }");
        assertThat(peek.body().get("data").isNull()).as(peek.raw().body()).isTrue();
        assertThat(peek.raw().body()).doesNotContain(firstKeyId, ciKeyId);

        // the administrator, for Carol's account: the same two keys
        JsonNode admin = gateway.graphql(GatewayClient.ADMIN_KEY, "{ usageBreakdown(accountId: \"" + carol.account
                + "\", " + range + ", by: API_KEY) { key requests } }").body();
        assertThat(admin.at("/data/usageBreakdown/0/key").asText()).isEqualTo(firstKeyId);
        assertThat(admin.at("/data/usageBreakdown/1/key").asText()).isEqualTo(ciKeyId);
        assertThat(admin.at("/data/usageBreakdown")).hasSize(2);
    }

    @Test
    void aRequestThatFailsOutrightIsCountedAsFailedAndChargesNothing() throws Exception {
        String admin = GatewayClient.ADMIN_KEY;
        gateway.post("/api/v1/llm/providers", admin, "{\"id\":\"dead\",\"name\":\"Dead\"}");
        assertThat(gateway.post("/api/v1/llm/models", admin, "{\"id\":\"dead-echo\",\"provider\":\"dead\","
                + "\"upstream_model\":\"dead-upstream\",\"input_per_1k\":1000,\"output_per_1k\":1000,"
                + "\"context_tokens\":100000,\"default_max_output_tokens\":64,\"min_tier\":\"free\","
                + "\"capabilities\":[],\"quality\":50,\"use_cases\":[\"chat\"]}").status()).isEqualTo(200);
        try {
            Person frank = person("Frank");
            long funded = gateway.balance(frank.key);
            HttpResponse<String> failed = gateway.send("POST", "/v1/chat/completions", frank.key,
                    "{\"model\":\"dead-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"secret prompt\"}]}",
                    Map.of());
            assertThat(failed.statusCode()).as(failed.body()).isEqualTo(502);
            String requestId = failed.headers().firstValue("X-Request-Id").orElse(null);
            complete(frank, null, "and one that works");
            awaitProjected(frank.account, 1);
            awaitFailed(frank.account, 1);

            // the failure is an event of the account's stream, with no charge and nothing of the prompt
            JsonNode recorded = null;
            for (JsonNode event : gateway.events(frank.account)) {
                if ("RequestFailed".equals(event.path("type").asText())) {
                    recorded = event.path("payload");
                }
            }
            assertThat(recorded).as("a RequestFailed event").isNotNull();
            assertThat(recorded.path("requestedModel").asText()).isEqualTo("dead-echo");
            assertThat(recorded.path("error").asText()).isEqualTo("upstream_unavailable");
            assertThat(recorded.path("attempts").get(0).path("provider").asText()).isEqualTo("dead");
            assertThat(recorded.toString()).doesNotContain("secret prompt", frank.key);
            if (requestId != null) {
                assertThat(recorded.path("requestId").asText()).isEqualTo(requestId);
            }

            String today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
            String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                    .toString();
            JsonNode series = gateway.graphql(frank.key, "{ usageSeries(from: \"" + today + "\", to: \"" + tomorrow
                    + "\", bucket: DAY) { requests failedRequests fallbackRequests costMicroCredits } }").body();
            assertThat(series.path("errors").isMissingNode()).as(series.toString()).isTrue();
            JsonNode day = series.at("/data/usageSeries/0");
            assertThat(day.get("failedRequests").asLong()).isEqualTo(1);
            assertThat(day.get("requests").asLong()).as("only the request that was answered is charged").isEqualTo(1);
            assertThat(day.get("fallbackRequests").asLong()).isZero();
            // the balance moved by the one charge only
            assertThat(gateway.balance(frank.key)).isEqualTo(funded - day.get("costMicroCredits").asLong());
            // the REST twin says the same
            JsonNode rest = gateway.get("/api/v1/llm/usage?days=1", frank.key).body();
            assertThat(rest.toString()).contains("\"failed_requests\":1").contains("\"fallback_requests\":0");
        } finally {
            gateway.send("DELETE", "/api/v1/llm/models?id=dead-echo", admin, "", Map.of());
        }
    }

    private void awaitFailed(String account, long rows) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Long count = db.fetchOne("select count(*) from usage_failure where account_id = ?::uuid", java.util.UUID
                    .fromString(account)).get(0, Long.class);
            if (count != null && count >= rows) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the usage projection did not catch up with " + rows + " failures of " + account);
    }

    private record Person(String account, String key) {
    }

    private Person person(String name) {
        String account = gateway.openAccount(name, "starter");
        String key = gateway.issueKey(account);
        gateway.grant(account, "5");
        return new Person(account, key);
    }

    private JsonNode complete(Person person, String requestId, String text) {
        HttpResponse<String> response = gateway.send("POST", "/v1/chat/completions", person.key,
                "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}",
                requestId == null ? Map.of() : Map.of("X-Request-Id", requestId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
            String id = response.headers().firstValue("X-Request-Id").orElseThrow();
            ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("id", id);
            return body;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void awaitProjected(String account, long rows) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Long count = db.fetchOne("select count(*) from usage_row where account_id = ?::uuid", java.util.UUID
                    .fromString(account)).get(0, Long.class);
            if (count != null && count >= rows) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the usage projection did not catch up with " + rows + " rows of " + account);
    }
}
