package dev.switchgear.application.service.routing;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.routing.ExplainUseCase;
import dev.switchgear.application.port.out.usage.UsageReadModel;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.RequestId;
import java.util.Optional;

/**
 * Why a charged request went where it went: the routing trace recorded with its charge, read back
 * from the usage read model, or — while the projection has not caught up yet — from the request
 * path's own record of its latest charges ({@link RecentCharges}).
 */
public class ExplainRoutingService implements ExplainUseCase {

    private final UsageReadModel usage;
    private final RecentCharges recent;

    public ExplainRoutingService(UsageReadModel usage) {
        this(usage, null);
    }

    /** @param recent the request path's latest charges; null to read the projection only */
    public ExplainRoutingService(UsageReadModel usage, RecentCharges recent) {
        this.usage = usage;
        this.recent = recent;
    }

    @Override
    public Optional<UsageRecord> explain(Caller caller, RequestId requestId) {
        Optional<UsageRecord> projected = usage.byRequest(caller.admin() ? Optional.empty() : Optional.of(caller.account()),
                requestId);
        if (projected.isPresent() || recent == null) {
            return projected;
        }
        return recent.find(requestId).filter(charge -> caller.canSee(charge.accountId()))
                .map(ExplainRoutingService::record);
    }

    private static UsageRecord record(UsageCharged c) {
        return new UsageRecord(c.requestId(), c.model(), c.provider(), c.inputTokens(), c.outputTokens(),
                c.usageEstimated(), c.cost(), c.charged(), c.chargedAt(), c.byok(),
                c.multiplierBasisPoints() == 0 ? 10_000 : c.multiplierBasisPoints(), c.routing(), c.cachedInputTokens(),
                c.cacheWrite5mTokens(), c.cacheWrite1hTokens(), c.reasoningTokens());
    }
}
