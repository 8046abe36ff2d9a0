package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.adapter.persistence.database.EmbeddedDatabase;
import dev.switchgear.adapter.persistence.readmodel.ProviderKeyProjection;
import dev.switchgear.application.port.in.credit.AccountSummary;
import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.application.service.credit.LegacyPreferenceHandover;
import dev.switchgear.application.service.routing.CurrentCatalog;
import dev.switchgear.domain.credit.CreditPosition;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.credit.api.CreditsPurchased;
import dev.switchgear.domain.credit.api.PaymentFailed;
import dev.switchgear.domain.credit.api.PowerLevelChosen;
import dev.switchgear.domain.credit.api.RefundPending;
import dev.switchgear.domain.keyring.api.KeyringIds;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Events are permanent: an event store written by the code before ADR 0012 (Stripe's names in the
 * credit events, {@code StripeRefundPending}, the accounts' power level and BYOK preference in the
 * platform's routing-policy stream) is loaded as it was stored — the fixture in
 * {@code fixtures/store-before-adr-0012}, produced by commit cca2b63 through its REST API, see its
 * {@code scenario.txt} — and today's gateway, started on it, rebuilds the same balances, caps,
 * thresholds and alerts, the same provider keys, the same catalog and rules, and the same
 * preferences, which it hands over to the accounts once.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LegacyEventStoreReplayTest {

    private static final String FIXTURE = "/fixtures/store-before-adr-0012/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EmbeddedDatabase DATABASE;
    private static final JsonNode EXPECTED;

    static {
        try {
            DATABASE = EmbeddedDatabase.start(Files.createTempDirectory("switchgear-legacy-store"), false);
            EXPECTED = JSON.readTree(resource("expected.json"));
            // the schema as it was up to V14; the gateway migrates the rest on start, over the stored events
            Flyway.configure().dataSource(DATABASE.jdbcUrl(), DATABASE.user(), null)
                    .locations("classpath:db/migration").target("14").load().migrate();
            load(JSON.readTree(resource("event-store.json")));
        } catch (Exception e) {
            throw new IllegalStateException("could not load the legacy event store", e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        String dataDir = Files.createTempDirectory("switchgear-legacy").toString();
        registry.add("switchgear.data-dir", () -> dataDir);
        registry.add("switchgear.db.url", DATABASE::jdbcUrl);
        registry.add("switchgear.db.user", DATABASE::user);
        registry.add("switchgear.admin-key", () -> GatewayClient.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        DATABASE.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    CreditLedger ledger;

    @Autowired
    CreditAccountJournal journal;

    @Autowired
    CurrentCatalog routing;

    @Autowired
    EventStore eventStore;

    @Autowired
    ProviderKeyProjection keyProjection;

    @Test
    void theSameBalancesCapsThresholdsAndAlertsComeBack() {
        for (JsonNode account : EXPECTED.path("accounts")) {
            AccountId id = new AccountId(account.path("accountId").asText());
            AccountSummary summary = ledger.standings().summary(id).orElseThrow();
            JsonNode credits = account.path("credits");
            assertThat(summary.name()).isEqualTo(account.path("name").asText());
            assertThat(summary.tier().code()).isEqualTo(account.path("tier").asText());
            assertThat(summary.balance().value()).as("balance of %s", id)
                    .isEqualTo(account.path("balanceMicroCredits").asLong());
            assertThat(summary.monthlyCap().map(MicroCredits::value).orElse(null)).as("cap of %s", id)
                    .isEqualTo(credits.path("monthlyCapMicro").isNull() ? null : credits.path("monthlyCapMicro").asLong());
            assertThat(summary.lowBalanceThreshold().value()).as("threshold of %s", id)
                    .isEqualTo(credits.path("lowBalanceThresholdMicro").asLong());
            assertThat(summary.lowBalance()).as("low-balance flag of %s", id)
                    .isEqualTo(credits.path("lowBalance").asBoolean());
            // the balance is also what a replay of the account's own events gives
            assertThat(CreditPosition.replay(payloads(id)).balance().value())
                    .isEqualTo(account.path("balanceMicroCredits").asLong());
        }
    }

    @Test
    void everyChargeOfTheOldStoreIsInTheIndexOfChargedIdsSoItsIdIsRefusedAgain() {
        int charges = 0;
        for (JsonNode account : EXPECTED.path("accounts")) {
            AccountId id = new AccountId(account.path("accountId").asText());
            for (CreditAccountEvent event : payloads(id)) {
                if (event instanceof dev.switchgear.domain.credit.api.UsageCharged charge) {
                    assertThat(journal.hasCharge(id, charge.requestId())).as("%s of %s", charge.requestId(), id).isTrue();
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledger.admission().admit(id,
                                    charge.requestId(), standing -> new dev.switchgear.application.port.in.credit
                                            .RequestAdmission.Reservation<>(MicroCredits.ZERO, true, standing)))
                            .isInstanceOfSatisfying(dev.switchgear.domain.credit.CreditException.class, e -> assertThat(
                                    e.code()).isEqualTo(dev.switchgear.domain.credit.CreditError.REQUEST_ALREADY_CHARGED));
                    charges++;
                }
            }
        }
        assertThat(charges).as("the fixture's charges").isEqualTo(8);
    }

    @Test
    void paymentEventsAreReadInTheDomainsOwnWords() {
        List<CreditAccountEvent> starter = payloads(new AccountId("5e5d7dd1-ca0f-4190-a8f9-8a53221e07b9"));
        assertThat(starter).filteredOn(RefundPending.class::isInstance).singleElement()
                .isEqualTo(new RefundPending(new AccountId("5e5d7dd1-ca0f-4190-a8f9-8a53221e07b9"), "pi_fixture_b2",
                        "ch_pi_fixture_b2", 3_000, 5_000, "evt_fixture_r2", java.time.Instant.parse("2026-12-01T20:04:31Z")));
        assertThat(starter).filteredOn(CreditsPurchased.class::isInstance).hasSize(2)
                .allSatisfy(e -> {
                    CreditsPurchased purchase = (CreditsPurchased) e;
                    assertThat(purchase.paymentReference()).startsWith("pi_fixture_b");
                    assertThat(purchase.checkoutReference()).isNotBlank();
                    assertThat(purchase.paymentEventId()).startsWith("evt_");
                });
        assertThat(payloads(new AccountId("a87b915e-2d49-4879-a40a-fecf92c43cae")))
                .filteredOn(PaymentFailed.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((PaymentFailed) e).paymentEventId()).isNotBlank());
    }

    @Test
    void theSamePreferencesComeBackAsTheAccountsOwnAndAreHandedOverOnce() throws Exception {
        GatewayClient gateway = new GatewayClient(port);
        for (JsonNode account : EXPECTED.path("accounts")) {
            String id = account.path("accountId").asText();
            JsonNode level = gateway.get("/api/v1/llm/users/" + id + "/power-level", GatewayClient.ADMIN_KEY).body();
            assertThat(level.path("power_level").asText()).as("power level of %s", id)
                    .isEqualTo(account.path("powerLevel").asText());
            JsonNode byok = gateway.get("/api/v1/llm/users/" + id + "/byok", GatewayClient.ADMIN_KEY).body();
            assertThat(byok.path("prefer_byok").asBoolean()).as("BYOK preference of %s", id)
                    .isEqualTo(account.path("preferByok").asBoolean());
        }
        AccountId starter = new AccountId("5e5d7dd1-ca0f-4190-a8f9-8a53221e07b9");
        assertThat(payloads(starter)).filteredOn(PowerLevelChosen.class::isInstance).hasSize(1);
        assertThat(routing.legacyPreferences()).hasSize(7);
        int before = allEvents();
        int handed = new LegacyPreferenceHandover(ledger.standings(), ledger.changes())
                .handOver(routing.legacyPreferences());
        assertThat(handed).isEqualTo(3);
        assertThat(allEvents()).as("a second hand-over adopts nothing").isEqualTo(before);
    }

    @Test
    void theSameCatalogAndRulesComeBack() throws Exception {
        GatewayClient gateway = new GatewayClient(port);
        JsonNode catalog = EXPECTED.path("catalog");
        assertThat(routing.get().version()).isEqualTo(catalog.path("version").asLong());
        List<String> models = new ArrayList<>();
        routing.get().models().forEach(m -> models.add(m.id()));
        assertThat(models).containsExactlyInAnyOrderElementsOf(strings(catalog.path("modelIds")));
        List<String> providers = new ArrayList<>();
        routing.get().providers().forEach(p -> providers.add(p.id()));
        assertThat(providers).containsExactlyInAnyOrderElementsOf(strings(catalog.path("providerIds")));
        JsonNode rules = gateway.get("/api/v1/llm/routing/rules", GatewayClient.ADMIN_KEY).body();
        assertThat(rules).isEqualTo(catalog.path("routingRules"));
    }

    /**
     * The catalog events of that store carry no endpoints (ADR 0022 added them): each of its models
     * is read as serving chat, as every model did then, and shows so in the catalog and
     * {@code /v1/models}; an embeddings request to one of them is a clear 400, charging nothing.
     */
    @Test
    void modelsStoredBeforeEndpointsExistedServeChatAsTheyDidThen() throws Exception {
        GatewayClient gateway = new GatewayClient(port);
        assertThat(routing.get().models()).isNotEmpty().allSatisfy(model -> assertThat(model.endpoints())
                .as(model.id()).containsExactly(dev.switchgear.domain.routing.api.Endpoint.CHAT));
        JsonNode catalog = gateway.get("/api/v1/llm/catalog/models", GatewayClient.ADMIN_KEY).body();
        assertThat(catalog.path("models")).isNotEmpty().allSatisfy(model -> assertThat(model.path("endpoints").toString())
                .as(model.path("id").asText()).isEqualTo("[\"chat.completions\",\"responses\",\"messages\"]"));
        assertThat(gateway.get("/v1/models", GatewayClient.ADMIN_KEY).body().path("data")).isNotEmpty()
                .allSatisfy(model -> assertThat(model.path("endpoints").size()).isEqualTo(3));
        String model = routing.get().models().iterator().next().id();
        String key = gateway.issueKey(gateway.openAccount("Endpoint check", "enterprise"));
        int before = allEvents();
        GatewayClient.Reply embed = gateway.post("/v1/embeddings", key,
                "{\"model\":\"" + model + "\",\"input\":\"x\"}");
        assertThat(embed.status()).isEqualTo(400);
        assertThat(embed.body().at("/error/code").asText()).isEqualTo("model_not_supported_for_endpoint");
        assertThat(allEvents()).isEqualTo(before);
    }

    /**
     * Charges written before ADR 0023 (revision 4, no parts) — and before they recorded the API key
     * (issue #15) — come back through the upcaster with no
     * cache or reasoning tokens and with the rates those tokens were in effect charged at (input and
     * output); every recorded cost is still its price applied to its usage, so balances stay
     * re-derivable. Catalog models stored without the parts' rates charge them at input and output.
     */
    @Test
    void chargesWrittenBeforeTheirPartsWereRecordedAreReadWithNoneAndTheirCostsReDerive() throws Exception {
        long stored = 0;
        for (JsonNode row : JSON.readTree(resource("event-store.json"))) {
            if (row.path("payloadType").asText().endsWith(".UsageCharged")) {
                assertThat(row.path("payloadRevision").asText()).isEqualTo("4");
                stored++;
            }
        }
        List<dev.switchgear.domain.credit.api.UsageCharged> charges = new ArrayList<>();
        for (JsonNode account : EXPECTED.path("accounts")) {
            payloads(new AccountId(account.path("accountId").asText())).stream()
                    .filter(dev.switchgear.domain.credit.api.UsageCharged.class::isInstance)
                    .map(dev.switchgear.domain.credit.api.UsageCharged.class::cast).forEach(charges::add);
        }
        assertThat(charges).hasSize((int) stored).isNotEmpty().allSatisfy(charge -> {
            // written before charges recorded the API key (issue #15): read with none
            assertThat(charge.apiKeyId()).isNull();
            assertThat(charge.usage().hasParts()).isFalse();
            assertThat(charge.price()).isEqualTo(new dev.switchgear.domain.shared.ModelPrice(
                    charge.inputPricePer1kTokens(), charge.outputPricePer1kTokens()));
            int multiplier = charge.multiplierBasisPoints() == 0 ? 10_000 : charge.multiplierBasisPoints();
            assertThat(charge.price().costOf(charge.usage(), multiplier, charge.markupBasisPoints()))
                    .isEqualTo(charge.cost());
        });
        routing.get().models().forEach(model -> {
            assertThat(model.cachedInputPer1k()).isEqualTo(model.inputPer1k());
            assertThat(model.cacheWrite5mPer1k()).isEqualTo(model.inputPer1k());
            assertThat(model.cacheWrite1hPer1k()).isEqualTo(model.inputPer1k());
            assertThat(model.reasoningPer1k()).isEqualTo(model.outputPer1k());
        });
    }

    /**
     * The usage projection is a streaming processor: it catches up from the store by itself. The
     * keyring projection runs in the commands' own transaction (subscribing), so its rebuild is the
     * keyrings' streams handed to it again; its handlers are idempotent.
     */
    @Test
    void theProjectionsRebuildTheSameKeysAndUsage() throws Exception {
        AnnotationEventHandlerAdapter keys = new AnnotationEventHandlerAdapter(keyProjection);
        for (JsonNode keyring : EXPECTED.path("keyrings")) {
            String account = keyring.path("accountId").asText();
            for (var events = eventStore.readEvents(KeyringIds.of(new AccountId(account))); events.hasNext(); ) {
                keys.handle(events.next());
            }
            List<Map<String, Object>> expected = new ArrayList<>();
            for (JsonNode key : keyring.path("providerKeys")) {
                Map<String, Object> row = new TreeMap<>();
                row.put("provider", key.path("provider").asText());
                row.put("key_id", key.path("keyId").asText());
                row.put("label", key.path("label").asText());
                row.put("masked_preview", key.path("maskedPreview").asText());
                row.put("fingerprint", key.path("fingerprint").asText());
                row.put("state", key.path("status").asText());
                row.put("last_status", key.path("lastTestStatus").isNull() ? null : key.path("lastTestStatus").asText());
                expected.add(row);
            }
            awaitRows("select count(*) from provider_key where account_id = ?::uuid", account, expected.size());
            assertThat(rows("select provider, key_id, label, masked_preview, fingerprint, state, last_status"
                    + " from provider_key where account_id = ?::uuid order by added_at, key_id", account))
                    .as("keys of %s", account).containsExactlyInAnyOrderElementsOf(expected);
        }
        for (JsonNode account : EXPECTED.path("accounts")) {
            String id = account.path("accountId").asText();
            int count = account.path("usageReadModel").path("count").asInt();
            awaitRows("select count(*) from usage_record where account_id = ?::uuid", id, count);
            assertThat(rows("select coalesce(sum(charged_micros), 0) as charged, count(*) filter (where byok) as byok"
                    + " from usage_record where account_id = ?::uuid", id))
                    .containsExactly(Map.of("charged", account.path("usageReadModel").path("chargedMicroCredits").asLong(),
                            "byok", account.path("usageReadModel").path("byokCount").asLong()));
        }
    }

    private List<CreditAccountEvent> payloads(AccountId account) {
        return journal.read(account, 0).stream().map(CreditAccountJournal.Recorded::payload).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = LegacyEventStoreReplayTest.class.getResourceAsStream(FIXTURE + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return in.readAllBytes();
        }
    }

    /** Writes the rows exactly as they were stored: same global index, ids, types, revisions and bytes. */
    private static void load(JsonNode rows) throws Exception {
        try (Connection c = connection(); PreparedStatement insert = c.prepareStatement(
                "insert into domainevententry (globalindex, eventidentifier, aggregateidentifier, sequencenumber, type,"
                        + " payloadtype, payloadrevision, payload, metadata, timestamp) values (?,?,?,?,?,?,?,?,?,?)")) {
            for (JsonNode row : rows) {
                insert.setLong(1, row.path("globalIndex").asLong());
                insert.setString(2, row.path("eventIdentifier").asText());
                insert.setString(3, row.path("aggregateIdentifier").asText());
                insert.setLong(4, row.path("sequenceNumber").asLong());
                insert.setString(5, row.path("type").asText());
                insert.setString(6, row.path("payloadType").asText());
                insert.setString(7, row.path("payloadRevision").isNull() ? null : row.path("payloadRevision").asText());
                insert.setBytes(8, row.path("payload").asText().getBytes(StandardCharsets.UTF_8));
                insert.setBytes(9, row.path("metaData").asText().getBytes(StandardCharsets.UTF_8));
                insert.setString(10, row.path("timeStamp").asText());
                insert.addBatch();
            }
            insert.executeBatch();
            try (PreparedStatement sequence = c.prepareStatement(
                    "select setval('domainevententry_globalindex_seq', (select max(globalindex) from domainevententry))")) {
                sequence.execute();
            }
        }
    }

    private static int allEvents() throws Exception {
        try (Connection c = connection(); ResultSet r = c.createStatement()
                .executeQuery("select count(*) from domainevententry")) {
            r.next();
            return r.getInt(1);
        }
    }

    /** Projections catch up in the background; wait (generously) until the read model has the rows. */
    private static void awaitRows(String countSql, String account, int expected) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<Map<String, Object>> result = rows(countSql, account);
            long count = ((Number) result.get(0).values().iterator().next()).longValue();
            if (count >= expected || System.nanoTime() > deadline) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static List<Map<String, Object>> rows(String sql, String account) throws Exception {
        try (Connection c = connection(); PreparedStatement query = c.prepareStatement(sql)) {
            query.setString(1, account);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> row = new TreeMap<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        Object value = r.getObject(i);
                        row.put(r.getMetaData().getColumnLabel(i), value instanceof Number n && !(value instanceof Long)
                                ? Long.valueOf(n.longValue()) : value);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private static Connection connection() throws Exception {
        return DriverManager.getConnection(DATABASE.jdbcUrl(), DATABASE.user(), null);
    }
}
