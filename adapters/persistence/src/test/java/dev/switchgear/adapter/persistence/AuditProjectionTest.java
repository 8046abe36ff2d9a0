package dev.switchgear.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.adapter.persistence.readmodel.AuditMetadata;
import dev.switchgear.adapter.persistence.readmodel.AuditProjection;
import dev.switchgear.adapter.persistence.readmodel.JooqAuditLog;
import dev.switchgear.application.port.out.audit.AuditAction;
import dev.switchgear.application.port.out.audit.AuditEntry;
import dev.switchgear.application.port.out.audit.AuditQuery;
import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.ApiKeyIssued;
import dev.switchgear.domain.credit.api.ApiKeyRevoked;
import dev.switchgear.domain.credit.api.ByokPreferenceSet;
import dev.switchgear.domain.credit.api.CreditsGranted;
import dev.switchgear.domain.credit.api.CreditsPurchased;
import dev.switchgear.domain.credit.api.CreditsRefunded;
import dev.switchgear.domain.credit.api.LowBalanceReached;
import dev.switchgear.domain.credit.api.LowBalanceThresholdSet;
import dev.switchgear.domain.credit.api.MonthlyCapSet;
import dev.switchgear.domain.credit.api.PowerLevelChosen;
import dev.switchgear.domain.credit.api.RateLimitsSet;
import dev.switchgear.domain.credit.api.TierChanged;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.keyring.api.KeyTestStatus;
import dev.switchgear.domain.keyring.api.KeyringErased;
import dev.switchgear.domain.keyring.api.KeyringIds;
import dev.switchgear.domain.audit.api.ProjectionRebuilt;
import dev.switchgear.domain.keyring.api.MasterKeyRotated;
import dev.switchgear.domain.keyring.api.ProviderKeyAdded;
import dev.switchgear.domain.keyring.api.ProviderKeyId;
import dev.switchgear.domain.keyring.api.ProviderKeyRemoved;
import dev.switchgear.domain.keyring.api.ProviderKeyReplaced;
import dev.switchgear.domain.keyring.api.ProviderKeyTested;
import dev.switchgear.domain.keyring.api.SealedKey;
import dev.switchgear.domain.routing.api.CatalogInitialised;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.routing.api.ModelDefined;
import dev.switchgear.domain.routing.api.ModelRemoved;
import dev.switchgear.domain.routing.api.ProviderDefined;
import dev.switchgear.domain.routing.api.ProviderDefinition;
import dev.switchgear.domain.routing.api.ProviderRemoved;
import dev.switchgear.domain.routing.api.RoutingRules;
import dev.switchgear.domain.routing.api.RoutingRulesSet;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

/**
 * The audit projection on real PostgreSQL, fed through a real pooled streaming processor from the
 * Axon event store: one sample event of every audited kind becomes one entry with its action,
 * account, target, who and from where, and non-secret details; usage is not audited; an event
 * without the origin metadata (stored before the audit log) says {@code unknown}; an event handled
 * twice is one entry; a replay from the start gives the same rows.
 */
class AuditProjectionTest {

    private static final Instant T0 = Instant.parse("2026-07-01T10:00:00Z");
    private static final byte[] CIPHERTEXT = "ciphertext-canary-bytes".getBytes(StandardCharsets.UTF_8);
    private static final String FINGERPRINT = "fingerprint-canary-0123456789";
    private static final String KEY_HASH = "f".repeat(60) + "cafe";

    private final PostgresFixture pg = PostgresFixture.INSTANCE;
    private final JooqAuditLog log = new JooqAuditLog(pg.db, pg.json);
    private final AccountId account = AccountId.of(UUID.randomUUID());
    private final String actor = "key:k-" + UUID.randomUUID();
    private final String platformActor = "admin-" + UUID.randomUUID();
    private long sequence;

    private MetaData origin(String who, String role) {
        return MetaData.with(AuditMetadata.ACTOR, who).and(AuditMetadata.ACTOR_ROLE, role)
                .and(AuditMetadata.CLIENT_ADDRESS, "127.0.0.1").and(AuditMetadata.USER_AGENT, "audit-test/1.0");
    }

    private EventMessage<?> ofAccount(Object payload) {
        return new GenericDomainEventMessage<>(payload.getClass().getSimpleName(), account.value(), sequence++, payload,
                origin(actor, "user"));
    }

    private EventMessage<?> ofKeyring(Object payload, long seq) {
        return new GenericDomainEventMessage<>(payload.getClass().getSimpleName(), KeyringIds.of(account), seq, payload,
                origin(actor, "user"));
    }

    private EventMessage<?> ofPlatform(Object payload) {
        return GenericEventMessage.asEventMessage(payload).andMetaData(origin(platformActor, "admin"));
    }

    private List<EventMessage<?>> oneOfEveryKind() {
        ProviderKeyId first = new ProviderKeyId("pk_" + UUID.randomUUID().toString().replace("-", ""));
        ProviderKeyId second = new ProviderKeyId("pk_" + UUID.randomUUID().toString().replace("-", ""));
        SealedKey sealed = new SealedKey(CIPHERTEXT, FINGERPRINT, "sk-…a1b2");
        CatalogModel model = new CatalogModel("audit-model", "simulator", "sim-echo", 100, 200, 8000, 256, Tier.STARTER,
                Set.of(), 50, Set.of("chat"));
        RoutingRules rules = new RoutingRules(Map.of("chat", List.of("audit-model")), Map.of(PowerLevel.ECO, 10), 3);
        String routingId = "routing-test-" + UUID.randomUUID();
        MicroCredits ten = MicroCredits.of(10_000_000);
        List<EventMessage<?>> events = new ArrayList<>(List.of(
                ofAccount(new AccountOpened(account, "Audited", Tier.STARTER, T0)),
                ofAccount(new TierChanged(account, Tier.PROFESSIONAL, Tier.STARTER, T0)),
                ofAccount(new RateLimitsSet(account, 60, null, T0)),
                ofAccount(new ApiKeyIssued(account, "kid-1", "ci", "sg-abcd", KEY_HASH, null, T0)),
                ofAccount(new ApiKeyRevoked(account, "kid-1", T0)),
                ofAccount(new CreditsGranted(account, MicroCredits.of(1_500_000), "welcome", MicroCredits.of(1_500_000),
                        T0)),
                ofAccount(new CreditsPurchased(account, ten, 1000, "usd", "starter-10", "cs_1", "pi_1", "evt_1",
                        MicroCredits.of(11_500_000), T0)),
                ofAccount(new CreditsRefunded(account, MicroCredits.of(500_000), "goodwill", null, null, null,
                        MicroCredits.of(11_000_000), T0)),
                ofAccount(new MonthlyCapSet(account, ten, T0)),
                ofAccount(new LowBalanceThresholdSet(account, null, T0)),
                ofAccount(new PowerLevelChosen(account, PowerLevel.ECO, T0)),
                ofAccount(new ByokPreferenceSet(account, false, T0)),
                ofAccount(new UsageCharged(account, new RequestId("r-1"), "sim-echo", "simulator", 1, 1, false, 1, 1,
                        MicroCredits.of(1), MicroCredits.of(1), MicroCredits.ZERO, MicroCredits.of(10_999_999), T0)),
                ofAccount(new LowBalanceReached(account, MicroCredits.of(10_999_999), ten, T0)),
                ofKeyring(new ProviderKeyAdded(account, first, "custom", "team", sealed,
                        "https://user:secret@llm.example.com/v1", T0), 0),
                ofKeyring(new ProviderKeyReplaced(account, first, second, "custom", "team", sealed, null, T0), 1),
                ofKeyring(new ProviderKeyTested(account, second, "custom", KeyTestStatus.INVALID, 42,
                        "upstream said: bad key sk-…a1b2", T0), 2),
                ofKeyring(new ProviderKeyRemoved(account, second, "custom", "team", T0), 3),
                ofKeyring(new KeyringErased(account, 1, T0), 4),
                new GenericDomainEventMessage<>("CatalogInitialised", routingId, 0, new CatalogInitialised(1,
                        List.of(new ProviderDefinition("simulator", "Sim", "openai", true)), List.of(model), rules, T0),
                        origin(platformActor, "admin")),
                new GenericDomainEventMessage<>("ProviderDefined", routingId, 1, new ProviderDefined(2,
                        new ProviderDefinition("extra", "Extra", "openai", false), T0), origin(platformActor, "admin")),
                new GenericDomainEventMessage<>("ProviderRemoved", routingId, 2, new ProviderRemoved(3, "extra", T0),
                        origin(platformActor, "admin")),
                new GenericDomainEventMessage<>("ModelDefined", routingId, 3, new ModelDefined(4, model, T0),
                        origin(platformActor, "admin")),
                new GenericDomainEventMessage<>("ModelRemoved", routingId, 4, new ModelRemoved(5, "audit-model", T0),
                        origin(platformActor, "admin")),
                new GenericDomainEventMessage<>("RoutingRulesSet", routingId, 5, new RoutingRulesSet(6, rules, T0),
                        origin(platformActor, "admin")),
                ofPlatform(new MasterKeyRotated(3, List.of(1L, 2L), 7, T0)),
                ofPlatform(new ProjectionRebuilt("usage", "transactional-replay", 12, 40, "a".repeat(64), 5,
                        "a".repeat(64), 5, T0))));
        return events;
    }

    @Test
    void everyAuditedKindBecomesOneEntryWithItsOriginAndNoSecretAndAReplayGivesTheSameRows() throws Exception {
        List<EventMessage<?>> events = oneOfEveryKind();
        pg.eventStore.publish(events);
        List<String> ids = events.stream().map(EventMessage::getIdentifier).toList();

        runProcessorUntil(() -> rows(ids).size() == 25);
        List<Map<String, Object>> first = rows(ids);
        assertThat(first).hasSize(25);

        List<AuditEntry> own = log.find(new AuditQuery(Optional.of(account), Optional.empty(), Set.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), 200));
        List<AuditEntry> platform = log.find(new AuditQuery(Optional.empty(), Optional.of(platformActor), Set.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), 200));
        EnumSet<AuditAction> seen = EnumSet.noneOf(AuditAction.class);
        own.forEach(e -> seen.add(e.action()));
        platform.forEach(e -> seen.add(e.action()));
        assertThat(seen).as("every action, each from its sample").isEqualTo(EnumSet.allOf(AuditAction.class));
        assertThat(own).hasSize(17).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo(actor);
            assertThat(e.actorRole()).isEqualTo("user");
            assertThat(e.clientAddress()).isEqualTo("127.0.0.1");
            assertThat(e.userAgent()).isEqualTo("audit-test/1.0");
        });
        assertThat(platform).hasSize(8).allSatisfy(e -> {
            assertThat(e.accountId()).isNull();
            assertThat(e.actorRole()).isEqualTo("admin");
        });

        Map<AuditAction, AuditEntry> byAction = new LinkedHashMap<>();
        own.forEach(e -> byAction.put(e.action(), e));
        platform.forEach(e -> byAction.put(e.action(), e));
        assertThat(byAction.get(AuditAction.CREDITS_GRANTED).details()).containsEntry("credits", "1.5")
                .containsEntry("reason", "welcome").containsEntry("balance_after", "1.5");
        assertThat(byAction.get(AuditAction.MONTHLY_CAP_SET).details()).containsEntry("monthly_cap", "10");
        assertThat(byAction.get(AuditAction.PROJECTION_REBUILT).target()).isEqualTo("usage");
        assertThat(byAction.get(AuditAction.PROJECTION_REBUILT).details()).containsEntry("events_replayed", 12L)
                .containsEntry("rows_after", 5L).containsEntry("matched", true)
                .containsEntry("mode", "transactional-replay");
        assertThat(byAction.get(AuditAction.LOW_BALANCE_THRESHOLD_SET).details()).containsEntry("threshold", null);
        assertThat(byAction.get(AuditAction.POWER_LEVEL_CHANGED).details()).containsEntry("power_level", "eco");
        assertThat(byAction.get(AuditAction.BYOK_PREFERENCE_CHANGED).details()).containsEntry("prefer_byok", false);
        assertThat(byAction.get(AuditAction.TIER_CHANGED).details()).containsEntry("tier", "professional")
                .containsEntry("previous_tier", "starter");
        assertThat(byAction.get(AuditAction.RATE_LIMITS_SET).details()).containsEntry("requests_per_minute", 60L)
                .containsEntry("tokens_per_minute", null);
        AuditEntry created = byAction.get(AuditAction.API_KEY_CREATED);
        assertThat(created.target()).isEqualTo("kid-1");
        assertThat(created.details()).containsEntry("prefix", "sg-abcd").doesNotContainKey("key_hash");
        AuditEntry added = byAction.get(AuditAction.PROVIDER_KEY_ADDED);
        assertThat(added.target()).startsWith("pk_");
        assertThat(added.details()).containsEntry("provider", "custom").containsEntry("label", "team")
                .containsEntry("masked_key", "sk-…a1b2").containsEntry("endpoint_host", "llm.example.com");
        assertThat(byAction.get(AuditAction.PROVIDER_KEY_REPLACED).details()).containsKey("replaced_key_id");
        assertThat(byAction.get(AuditAction.PROVIDER_KEY_TESTED).details()).containsEntry("status", "invalid")
                .containsEntry("latency_ms", 42L).doesNotContainKey("detail");
        assertThat(byAction.get(AuditAction.KEYRING_ERASED).details()).containsEntry("keys_erased", 1L);
        assertThat(byAction.get(AuditAction.MODEL_DEFINED).target()).isEqualTo("audit-model");
        assertThat(byAction.get(AuditAction.MODEL_DEFINED).details()).containsEntry("catalog_version", 4L)
                .containsEntry("input_per_1k", 100L).containsEntry("min_tier", "starter")
                .containsEntry("cached_input_per_1k", 100L).containsEntry("reasoning_per_1k", 200L);
        assertThat(byAction.get(AuditAction.PROVIDER_REMOVED).target()).isEqualTo("extra");
        assertThat(byAction.get(AuditAction.ROUTING_RULES_SET).details()).containsEntry("chains", List.of("chat"))
                .containsEntry("max_attempts", 3L);
        assertThat(byAction.get(AuditAction.CATALOG_INITIALISED).details()).containsEntry("models", 1L);
        assertThat(byAction.get(AuditAction.MASTER_KEY_ROTATED).details()).containsEntry("primary_version", 3L)
                .containsEntry("retired_versions", List.of(1L, 2L)).containsEntry("data_keys_rewrapped", 7L);

        String table = first.toString();
        assertThat(table).doesNotContain(FINGERPRINT, KEY_HASH, "secret", "user:secret",
                Base64.getEncoder().encodeToString(CIPHERTEXT), new String(CIPHERTEXT, StandardCharsets.UTF_8),
                "bad key");

        pg.db.execute("delete from audit_entry where id in (" + String.join(",", ids.stream()
                .map(id -> "'" + id + "'").toList()) + ")");
        assertThat(rows(ids)).isEmpty();
        runProcessorUntil(() -> rows(ids).size() == 25);
        assertThat(rows(ids)).as("a replay from the start gives the same rows").isEqualTo(first);
    }

    @Test
    void anEventHandledTwiceIsOneEntryAndOneWithoutOriginSaysUnknown() throws Exception {
        AuditProjection projection = new AuditProjection(log);
        SimpleEventHandlerInvoker invoker = SimpleEventHandlerInvoker.builder().eventHandlers(projection).build();
        EventMessage<?> granted = new GenericDomainEventMessage<>("CreditsGranted", account.value(), 0,
                new CreditsGranted(account, MicroCredits.of(1), null, MicroCredits.of(1), T0));
        invoker.handle(granted, org.axonframework.eventhandling.Segment.ROOT_SEGMENT);
        invoker.handle(granted, org.axonframework.eventhandling.Segment.ROOT_SEGMENT);

        List<Map<String, Object>> rows = rows(List.of(granted.getIdentifier()));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("actor", "unknown").containsEntry("actor_role", "unknown")
                .containsEntry("client_address", null).containsEntry("user_agent", null);
        assertThat(rows.get(0).get("occurred_at").toString()).startsWith("2026");
    }

    /** Runs a fresh pooled processor (tokens from the start) over the event store until {@code done}. */
    private void runProcessorUntil(BooleanSupplier done) throws InterruptedException {
        ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(2);
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name("audit-" + UUID.randomUUID())
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(new AuditProjection(log)).build())
                .messageSource(pg.eventStore)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(1)
                .batchSize(100)
                .build();
        processor.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!done.getAsBoolean() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            processor.shutDown();
            coordinator.shutdownNow();
            workers.shutdownNow();
        }
    }

    private List<Map<String, Object>> rows(List<String> ids) {
        return pg.db.resultQuery("select id, occurred_at, account_id, actor, actor_role, action, target, "
                        + "details::text as details, client_address, user_agent from audit_entry where id = any(?) "
                        + "order by id", (Object) ids.toArray(new String[0]))
                .fetchMaps();
    }
}
