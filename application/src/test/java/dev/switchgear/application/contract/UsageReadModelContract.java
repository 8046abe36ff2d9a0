package dev.switchgear.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.application.port.out.usage.UsageReadModel;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.application.port.out.usage.UsageTotals;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the usage read model must do once charges are projected into it: rows by time range,
 * newest first; exact sums (all, own keys, platform keys); one request for its account or the
 * administrator; a charge projected twice counts once. Run against the in-memory fake and the
 * jOOQ table fed by the real projection.
 */
public abstract class UsageReadModelContract {

    protected static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    protected abstract UsageReadModel usage();

    /** Projects a charge into the read model, as the usage projection does on the event. */
    protected abstract void project(UsageCharged event);

    private static String id() {
        return "req-" + UUID.randomUUID();
    }

    private static UsageCharged charged(AccountId account, String requestId, long in, long out, long cost, Instant at,
                                        boolean byok) {
        return new UsageCharged(account, new RequestId(requestId), "sim-echo", "simulator", in, out, false, 150_000,
                600_000, MicroCredits.of(cost), MicroCredits.of(cost), MicroCredits.ZERO, MicroCredits.of(1_000_000),
                at, byok, 10_000, 0, null);
    }

    @Test
    void rowsInARangeComeNewestFirstUpToTheLimit() {
        AccountId account = AccountId.of(UUID.randomUUID());
        String r1 = id();
        String r2 = id();
        String r3 = id();
        project(charged(account, r1, 10, 20, 7, T0, false));
        project(charged(account, r2, 5, 5, 3, T0.plusSeconds(10), false));
        project(charged(account, r3, 1, 1, 1, T0.plusSeconds(3600), false));

        assertThat(usage().find(account, T0, T0.plusSeconds(3600), 10)).extracting(r -> r.requestId().value())
                .containsExactly(r2, r1);
        assertThat(usage().find(account, T0, T0.plusSeconds(3601), 2)).extracting(r -> r.requestId().value())
                .containsExactly(r3, r2);
        UsageRecord first = usage().find(account, T0, T0.plusSeconds(1), 10).get(0);
        assertThat(first.inputTokens()).isEqualTo(10);
        assertThat(first.outputTokens()).isEqualTo(20);
        assertThat(first.charged()).isEqualTo(MicroCredits.of(7));
        assertThat(first.chargedAt()).isEqualTo(T0);
    }

    @Test
    void aChargesCacheAndReasoningPartsAreKeptWithItsTokens() {
        AccountId account = AccountId.of(UUID.randomUUID());
        String cached = id();
        project(new UsageCharged(account, new RequestId(cached), "claude-sonnet-4-0", "anthropic", 12_050, 400, false,
                3_000_000, 15_000_000, MicroCredits.of(17_775_000), MicroCredits.of(17_775_000), MicroCredits.ZERO,
                MicroCredits.of(1), T0, false, 10_000, 0, null, 10_000, 1_500, 500, 120, 300_000, 3_750_000, 6_000_000,
                15_000_000));

        UsageRecord row = usage().byRequest(Optional.of(account), new RequestId(cached)).orElseThrow();
        assertThat(List.of(row.inputTokens(), row.outputTokens(), row.cachedInputTokens(), row.cacheWrite5mTokens(),
                row.cacheWrite1hTokens(), row.reasoningTokens())).containsExactly(12_050L, 400L, 10_000L, 1_500L, 500L,
                120L);
        assertThat(usage().find(account, T0, T0.plusSeconds(1), 1).get(0)).isEqualTo(row);
    }

    @Test
    void totalsAreExactAndSplitByWhoseKeyWasUsed() {
        AccountId account = AccountId.of(UUID.randomUUID());
        project(charged(account, id(), 10, 20, 7, T0, false));
        project(charged(account, id(), 5, 5, 3, T0.plusSeconds(10), true));
        project(charged(account, id(), 1, 1, 1, T0.plusSeconds(20), false));

        assertThat(usage().totals(account, T0, T0.plusSeconds(21)))
                .isEqualTo(new UsageTotals(3, 16, 26, MicroCredits.of(11), MicroCredits.of(11)));
        assertThat(usage().totals(account, T0, T0.plusSeconds(21), true))
                .isEqualTo(new UsageTotals(1, 5, 5, MicroCredits.of(3), MicroCredits.of(3)));
        assertThat(usage().totals(account, T0, T0.plusSeconds(21), false))
                .isEqualTo(new UsageTotals(2, 11, 21, MicroCredits.of(8), MicroCredits.of(8)));
        assertThat(usage().totals(AccountId.of(UUID.randomUUID()), T0, T0.plusSeconds(21)))
                .isEqualTo(new UsageTotals(0, 0, 0, MicroCredits.ZERO, MicroCredits.ZERO));
    }

    @Test
    void aChargeProjectedTwiceCountsOnce() {
        AccountId account = AccountId.of(UUID.randomUUID());
        UsageCharged once = charged(account, id(), 10, 20, 7, T0, false);
        project(once);
        project(once);

        assertThat(usage().totals(account, T0, T0.plusSeconds(1)).requests()).isEqualTo(1);
        assertThat(usage().find(account, T0, T0.plusSeconds(1), 10)).hasSize(1);
    }

    @Test
    void aRequestIsFoundForItsOwnAccountOrForAnyButNotForAnother() {
        AccountId account = AccountId.of(UUID.randomUUID());
        String requestId = id();
        RoutingTrace trace = new RoutingTrace("duo", "eco", 7, "duo", List.of("a", "b"),
                List.of(new RoutingTrace.Skip("c", "tier", "needs the professional tier")),
                List.of(new RoutingTrace.Attempt("a", "sim-a", false, "unavailable 503", 3),
                        new RoutingTrace.Attempt("b", "sim-b", false, "ok", 9)));
        project(new UsageCharged(account, new RequestId(requestId), "b", "sim-b", 10, 20, false, 100, 200,
                MicroCredits.of(1), MicroCredits.of(1), MicroCredits.ZERO, MicroCredits.of(999), T0, false, 1_000, 0,
                trace));

        UsageRecord record = usage().byRequest(Optional.of(account), new RequestId(requestId)).orElseThrow();
        assertThat(record.routing()).isEqualTo(trace);
        assertThat(record.multiplierBasisPoints()).isEqualTo(1_000);
        assertThat(record.provider()).isEqualTo("sim-b");
        assertThat(usage().byRequest(Optional.of(AccountId.of(UUID.randomUUID())), new RequestId(requestId)))
                .isEmpty();
        assertThat(usage().byRequest(Optional.empty(), new RequestId(requestId))).isPresent();
        assertThat(usage().byRequest(Optional.empty(), new RequestId(id()))).isEmpty();
    }
}
