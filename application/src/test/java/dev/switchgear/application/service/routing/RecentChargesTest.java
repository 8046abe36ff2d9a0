package dev.switchgear.application.service.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.application.fakes.InMemoryUsageReadModel;
import dev.switchgear.application.port.in.credit.RequestAdmission;
import dev.switchgear.application.port.in.credit.UsageSettlement;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The request path's record of its latest charges, which explains a request before the projection has it. */
class RecentChargesTest {

    private final AccountId alice = AccountId.of(UUID.randomUUID());
    private final AccountId bob = AccountId.of(UUID.randomUUID());
    private final InMemoryUsageReadModel projected = new InMemoryUsageReadModel();

    private UsageCharged charge(AccountId account, String id) {
        return new UsageCharged(account, new RequestId(id), "m", "p", 1, 2, false, 1, 1, MicroCredits.of(3),
                MicroCredits.of(3), MicroCredits.ZERO, MicroCredits.of(9), Instant.parse("2026-06-01T00:00:00Z"), false,
                2_500, 0, new RoutingTrace("auto", "balanced", 4, "chat", List.of("m"), List.of(),
                List.of(new RoutingTrace.Attempt("m", "p", false, "ok", 7))));
    }

    @Test
    void aChargeNotYetProjectedIsExplainedToItsAccountAndTheAdministratorOnly() {
        RecentCharges recent = new RecentCharges(10);
        ExplainRoutingService service = new ExplainRoutingService(projected, recent);
        recent.remember(charge(alice, "fresh"));

        assertThat(service.explain(Caller.of(alice), new RequestId("fresh"))).hasValueSatisfying(r -> {
            assertThat(r.multiplierBasisPoints()).isEqualTo(2_500);
            assertThat(r.routing().powerLevel()).isEqualTo("balanced");
        });
        assertThat(service.explain(Caller.administrator(), new RequestId("fresh"))).isPresent();
        assertThat(service.explain(Caller.of(bob), new RequestId("fresh"))).isEmpty();
        assertThat(new ExplainRoutingService(projected).explain(Caller.of(alice), new RequestId("fresh"))).isEmpty();
    }

    @Test
    void onlyTheNewestChargesAreKept() {
        RecentCharges recent = new RecentCharges(2);
        recent.remember(charge(alice, "one"));
        recent.remember(charge(alice, "two"));
        recent.remember(charge(alice, "three"));
        assertThat(recent.find(new RequestId("one"))).isEmpty();
        assertThat(recent.find(new RequestId("two"))).isPresent();
        assertThat(recent.find(new RequestId("three"))).isPresent();
    }

    @Test
    void aSettlementIsRememberedBeforeItsDurabilityIsReportedAndNotAtAllWhenTheWriteFails() {
        RecentCharges recent = new RecentCharges(10);
        CompletableFuture<UsageCharged> written = new CompletableFuture<>();
        UsageCharged charge = charge(alice, "settled");
        UsageSettlement settlement = recent.remembering((hold, c) -> new UsageSettlement.Settlement(charge, written));
        UsageSettlement.Settlement settled = settlement.settle(new RequestAdmission.Hold(alice, charge.requestId(),
                MicroCredits.of(3)), null);
        boolean[] rememberedWhenTold = {false};
        settled.durable().thenAccept(c -> rememberedWhenTold[0] = recent.find(c.requestId()).isPresent());
        assertThat(recent.find(charge.requestId())).isEmpty();

        written.complete(charge);

        assertThat(rememberedWhenTold[0]).isTrue();
        CompletableFuture<UsageCharged> failing = new CompletableFuture<>();
        UsageCharged lost = charge(alice, "lost");
        recent.remembering((hold, c) -> new UsageSettlement.Settlement(lost, failing))
                .settle(new RequestAdmission.Hold(alice, lost.requestId(), MicroCredits.of(3)), null);
        failing.completeExceptionally(new IllegalStateException("the store refused"));
        assertThat(recent.find(lost.requestId())).isEmpty();
    }
}
