package dev.switchgear.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.adapter.persistence.readmodel.JooqAdminCredentialStore;
import dev.switchgear.adapter.persistence.readmodel.JooqUsageReadModel;
import dev.switchgear.adapter.persistence.readmodel.UsageProjection;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.application.port.out.usage.UsageTotals;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.shared.MicroCredits;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The jOOQ read models and the usage projection on real PostgreSQL. */
class ReadModelTest {

    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private final PostgresFixture pg = PostgresFixture.INSTANCE;

    private static UsageCharged charged(AccountId id, String requestId, long in, long out, long cost, Instant at) {
        return new UsageCharged(id, new RequestId(requestId), "sim-echo", "simulator", in, out, false, 150_000, 600_000,
                MicroCredits.of(cost), MicroCredits.of(cost), MicroCredits.ZERO, MicroCredits.of(1_000 - cost), at);
    }

    private void project(UsageProjection projection, UsageCharged event) throws Exception {
        Method on = UsageProjection.class.getDeclaredMethod("on", UsageCharged.class);
        on.setAccessible(true);
        on.invoke(projection, event);
    }

    @Test
    void theUsageProjectionIsIdempotentAndTheReadModelSumsExactly() throws Exception {
        AccountId id = AccountId.of(UUID.randomUUID());
        UsageProjection projection = new UsageProjection(pg.db, pg.json);
        UsageCharged first = charged(id, "r1", 10, 20, 7, T0);
        project(projection, first);
        project(projection, first);
        project(projection, charged(id, "r2", 5, 5, 3, T0.plusSeconds(10)));
        project(projection, charged(id, "r3", 1, 1, 1, T0.plusSeconds(3600)));

        JooqUsageReadModel readModel = new JooqUsageReadModel(pg.db, pg.json);
        List<UsageRecord> rows = readModel.find(id, T0, T0.plusSeconds(3600), 10);
        assertThat(rows).extracting(r -> r.requestId().value()).containsExactly("r2", "r1");
        assertThat(rows.get(1).inputTokens()).isEqualTo(10);
        assertThat(rows.get(1).chargedAt()).isEqualTo(T0);
        assertThat(readModel.totals(id, T0, T0.plusSeconds(3601)))
                .isEqualTo(new UsageTotals(3, 16, 26, MicroCredits.of(11), MicroCredits.of(11)));
        assertThat(readModel.totals(AccountId.of(UUID.randomUUID()), T0, T0.plusSeconds(1)))
                .isEqualTo(new UsageTotals(0, 0, 0, MicroCredits.ZERO, MicroCredits.ZERO));
    }

    @Test
    void aBatchOfEventsIsWrittenWhenItsUnitOfWorkCommits() throws Exception {
        AccountId id = AccountId.of(UUID.randomUUID());
        UsageProjection projection = new UsageProjection(pg.db, pg.json);
        org.axonframework.messaging.unitofwork.DefaultUnitOfWork<?> unitOfWork =
                org.axonframework.messaging.unitofwork.DefaultUnitOfWork.startAndGet(null);
        for (int i = 0; i < 250; i++) {
            project(projection, charged(id, "b" + i, 1, 1, 1, T0.plusSeconds(i)));
        }
        JooqUsageReadModel readModel = new JooqUsageReadModel(pg.db, pg.json);
        assertThat(readModel.totals(id, T0, T0.plusSeconds(1000)).requests()).isZero();

        unitOfWork.commit();

        assertThat(readModel.totals(id, T0, T0.plusSeconds(1000)).requests()).isEqualTo(250);
    }

    @Test
    void theAdminKeyHashIsOneRowThatCanBeReplaced() {
        JooqAdminCredentialStore admin = new JooqAdminCredentialStore(pg.db);
        admin.saveAdminKeyHash("c".repeat(64));
        admin.saveAdminKeyHash("d".repeat(64));
        assertThat(admin.adminKeyHash()).contains("d".repeat(64));
        assertThat(pg.db.fetchCount(org.jooq.impl.DSL.table("admin_credential"))).isEqualTo(1);
    }

    @Test
    void aChargesRoutingTraceAndMultiplierAreKeptForItsExplanation() throws Exception {
        AccountId id = AccountId.of(UUID.randomUUID());
        RoutingTrace trace = new RoutingTrace("duo", "eco", 7, "duo", List.of("a", "b"),
                List.of(new RoutingTrace.Skip("c", "tier", "needs the professional tier")),
                List.of(new RoutingTrace.Attempt("a", "sim-a", false, "unavailable 503", 3),
                        new RoutingTrace.Attempt("b", "sim-b", false, "ok", 9)));
        UsageCharged event = new UsageCharged(id, new RequestId("explained-1"), "b", "sim-b", 10, 20, false, 100, 200,
                MicroCredits.of(1), MicroCredits.of(1), MicroCredits.ZERO, MicroCredits.of(999), T0, false, 1_000,
                0, trace);
        project(new UsageProjection(pg.db, pg.json), event);

        JooqUsageReadModel readModel = new JooqUsageReadModel(pg.db, pg.json);
        UsageRecord record = readModel.byRequest(java.util.Optional.of(id), new RequestId("explained-1")).orElseThrow();
        assertThat(record.routing()).isEqualTo(trace);
        assertThat(record.multiplierBasisPoints()).isEqualTo(1_000);
        assertThat(readModel.byRequest(java.util.Optional.of(AccountId.of(UUID.randomUUID())),
                new RequestId("explained-1"))).isEmpty();
        assertThat(readModel.byRequest(java.util.Optional.empty(), new RequestId("explained-1"))).isPresent();
    }
    @Test
    void theUsagesPartsAndTheirRatesAreKeptIdempotently() throws Exception {
        AccountId id = AccountId.of(UUID.randomUUID());
        UsageCharged event = new UsageCharged(id, new RequestId("cached-1"), "claude-sonnet-4-0", "anthropic", 12_050,
                400, false, 3_000_000, 15_000_000, MicroCredits.of(17_775_000), MicroCredits.of(17_775_000),
                MicroCredits.ZERO, MicroCredits.of(1), T0, false, 10_000, 0, null, 10_000, 1_500, 500, 0, 300_000,
                3_750_000, 6_000_000, 15_000_000);
        UsageProjection projection = new UsageProjection(pg.db, pg.json);
        project(projection, event);
        project(projection, event);
        project(projection, charged(id, "plain-1", 10, 20, 7, T0.plusSeconds(1)));

        JooqUsageReadModel readModel = new JooqUsageReadModel(pg.db, pg.json);
        UsageRecord cached = readModel.byRequest(java.util.Optional.of(id), new RequestId("cached-1")).orElseThrow();
        assertThat(List.of(cached.inputTokens(), cached.cachedInputTokens(), cached.cacheWrite5mTokens(),
                cached.cacheWrite1hTokens(), cached.reasoningTokens())).containsExactly(12_050L, 10_000L, 1_500L, 500L, 0L);
        assertThat(pg.db.fetchOne("select cached_input_price_per_1k, cache_write_1h_price_per_1k, reasoning_price_per_1k"
                + " from usage_record where request_id = 'cached-1'").intoList()).containsExactly(300_000L, 6_000_000L,
                15_000_000L);
        UsageRecord plain = readModel.byRequest(java.util.Optional.of(id), new RequestId("plain-1")).orElseThrow();
        assertThat(List.of(plain.cachedInputTokens(), plain.cacheWrite5mTokens(), plain.cacheWrite1hTokens(),
                plain.reasoningTokens())).containsOnly(0L);
        assertThat(readModel.totals(id, T0, T0.plusSeconds(2)).requests()).isEqualTo(2);
    }
}
